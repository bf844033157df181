import DocumentDecoding
import Foundation
import ImageDecoding
import InkInput
import Synthesis
import XCTest

/// Grades a generated class with `mathscan worksheets` and checks every verdict of the CSV.
/// The pages are composed from the handwriting of the InkML fixtures (real CROHME writers),
/// laid out as 2 × 3 grids of problems; the students hand them in as a PNG, a two-page 1-bit
/// CCITT TIFF and a PDF. Composed pages test the workflow, not the accuracy on real sheets.
final class WorksheetsCommandTests: XCTestCase {
    static let inkml = MathscanProcess.repository.appendingPathComponent("Tests/Fixtures/inkml")

    /// The fixture bank has 0–8, + × ÷ = . ( ) but no 9: problems use those.
    func composer() throws -> InkComposer {
        var bank = InkSymbolBank()
        for name in ["formulaire005-equation045.inkml", "formulaire012-equation030.inkml",
                     "formulaire031-equation041.inkml", "MfrDB0332.inkml"] {
            let text = try String(contentsOf: Self.inkml.appendingPathComponent(name), encoding: .utf8)
            bank.add(try InkDocument.parse(text), writer: name)
        }
        return InkComposer(bank: bank)
    }

    /// One problem's ink.
    func problem(_ composer: InkComposer, _ tokens: [String], seed: UInt64) throws -> GrayImage {
        InkRenderer.render(try composer.compose(tokens, seed: seed)).image
    }

    /// A white page with the problems in a grid of two columns, row by row, below `top` pixels.
    func page(_ problems: [GrayImage], top: Int = 50) -> GrayImage {
        let cellWidth = 900, cellHeight = 260
        var page = GrayImage(width: 2 * cellWidth + 100, height: ((problems.count + 1) / 2) * cellHeight + top + 50)
        for (index, ink) in problems.enumerated() {
            let x0 = 50 + (index % 2) * cellWidth, y0 = top + (index / 2) * cellHeight
            for y in 0..<min(ink.height, cellHeight - 40) {
                for x in 0..<min(ink.width, cellWidth - 100) {
                    let value = ink[x, y]
                    let offset = (y0 + y) * page.width + x0 + x
                    page.pixels[offset] = min(page.pixels[offset], value)
                }
            }
        }
        return page
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-worksheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testAGeneratedClassIsGradedItemByItem() throws {
        let composer = try composer()
        let folder = try temporaryFolder()
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        let t = { (text: String) in text.split(separator: " ").map(String.init) }

        // Anna (PNG): all right but item 5, left blank.
        let anna = page(try [
            problem(composer, t("3 + 4 = 7"), seed: 1), problem(composer, t("12 + 5 = 17"), seed: 2),
            problem(composer, t("6 \\times 3 = 18"), seed: 3), problem(composer, t("8 + 8 = 16"), seed: 4),
            problem(composer, t("20 + 5 ="), seed: 5), problem(composer, t("7 \\times 2 = 14"), seed: 6),
        ])
        try Data(ImageEncoder.png(anna)).write(to: scans.appendingPathComponent("anna.png"))
        // Ben (two-page 1-bit CCITT TIFF): items 2 and 6 wrong on page 1; page 2 has two problems.
        let ben1 = page(try [
            problem(composer, t("3 + 4 = 7"), seed: 11), problem(composer, t("12 + 5 = 16"), seed: 12),
            problem(composer, t("6 \\times 3 = 18"), seed: 13), problem(composer, t("8 + 8 = 16"), seed: 14),
            problem(composer, t("20 + 5 = 25"), seed: 15), problem(composer, t("7 \\times 2 = 15"), seed: 16),
        ])
        let ben2 = page(try [problem(composer, t("5 + 5 = 10"), seed: 17), problem(composer, t("4 \\times 4 = 18"), seed: 18)])
        try DocumentEncoder.writeTIFF([ben1, ben2], to: scans.appendingPathComponent("ben.tif").path, bilevel: true)
        // Cleo (PDF): a printed heading (set in type by the PDF, as a teacher's sheet is), item 3
        // scribbled over (two answers on top of each other), item 6 missing.
        let scribbled = try problem(composer, t("6 \\times 3 = 18"), seed: 23)
        let over = try problem(composer, t("2 + 8 = 14"), seed: 33)
        var jumble = GrayImage(width: max(scribbled.width, over.width + 30), height: max(scribbled.height, over.height + 10))
        for image in [(scribbled, 0, 0), (over, 30, 10)] {
            for y in 0..<image.0.height { for x in 0..<image.0.width {
                let offset = (y + image.2) * jumble.width + x + image.1
                jumble.pixels[offset] = min(jumble.pixels[offset], image.0[x, y])
            } }
        }
        let cleo = page(try [
            problem(composer, t("3 + 4 = 7"), seed: 21), problem(composer, t("12 + 5 = 17"), seed: 22),
            jumble, problem(composer, t("8 + 8 = 61"), seed: 24),
            problem(composer, t("20 + 5 = 25"), seed: 25),
        ], top: 200)
        let heading = [DocumentEncoder.PrintedText(page: 0, x: 50, y: 70, size: 40, bold: true, text: "Worksheet 2: Addition and multiplication"),
                       DocumentEncoder.PrintedText(page: 0, x: 50, y: 125, size: 28, text: "Name: ____________   Work out each problem.")]
        try DocumentEncoder.writePDF([cleo], text: heading, to: scans.appendingPathComponent("cleo.pdf").path, dpi: 200)
        try "1\t7\n2\t17\n3\t18\n4\t16\n5\t25\n6\t14\n".write(to: folder.appendingPathComponent("key.tsv"), atomically: true, encoding: .utf8)

        let report = folder.appendingPathComponent("report")
        let outcome = try MathscanProcess.run(["worksheets", scans.path, "--out", report.path,
                                               "--key", folder.appendingPathComponent("key.tsv").path, "--dpi", "200"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let csv = try String(contentsOf: report.appendingPathComponent("class.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.first, ["student file", "page", "item", "written", "value", "expected", "verdict", "confidence"])
        let verdicts = rows.dropFirst().map { row in "\(URL(fileURLWithPath: row[0]).lastPathComponent) p\(row[1]) #\(row[2]) \(row[6])" }
        XCTAssertEqual(verdicts, [
            "anna.png p1 #1 right", "anna.png p1 #2 right", "anna.png p1 #3 right",
            "anna.png p1 #4 right", "anna.png p1 #5 blank", "anna.png p1 #6 right",
            "ben.tif p1 #1 right", "ben.tif p1 #2 wrong", "ben.tif p1 #3 uncertain",
            "ben.tif p1 #4 right", "ben.tif p1 #5 right", "ben.tif p1 #6 wrong",
            "ben.tif p2 #1 wrong", "ben.tif p2 #2 wrong", "ben.tif p2 #3 blank", "ben.tif p2 #4 blank",
            "ben.tif p2 #5 blank", "ben.tif p2 #6 blank",
            "cleo.pdf p1 #1 right", "cleo.pdf p1 #2 right", "cleo.pdf p1 #3 uncertain",
            "cleo.pdf p1 #4 wrong", "cleo.pdf p1 #5 right", "cleo.pdf p1 #6 blank",
        ], csv)
        // No item is marked right or wrong below the documented confidence.
        for row in rows.dropFirst() where row[6] == "right" || row[6] == "wrong" {
            XCTAssertGreaterThanOrEqual(Double(row[7]) ?? 0, 0.965, "\(row)")
        }
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<math"), "the maths is MathML")
        XCTAssertEqual(html.components(separatedBy: "<section class=\"sheet\">").count - 1, 4, "one section per page")
        XCTAssertFalse(html.contains("<script"), "the report needs no scripts")
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("pages/002-ben-p2.csv").path))
        // Each page's picture boxes every item found on it, marked with its verdict.
        let picture = try String(contentsOf: report.appendingPathComponent("pages/002-ben-p1.svg"), encoding: .utf8)
        XCTAssertTrue(picture.hasPrefix("<svg"))
        XCTAssertEqual(picture.components(separatedBy: "<rect").count - 1, 6, "six items boxed")
        XCTAssertEqual(picture.components(separatedBy: "✗").count - 1, 2, "two marked wrong")
        // Cleo's printed heading is set aside (no item above comes from it) and shown as such.
        let cleoPicture = try String(contentsOf: report.appendingPathComponent("pages/003-cleo-p1.svg"), encoding: .utf8)
        XCTAssertEqual(cleoPicture.components(separatedBy: "stroke-dasharray").count - 1, 2, "the title and the name line")
        XCTAssertTrue(html.contains("2 regions of printed text"), "the report says the heading was not graded")
    }

    func testABrokenFileIsReportedAndTheOthersGraded() throws {
        let composer = try composer()
        let folder = try temporaryFolder()
        let good = folder.appendingPathComponent("a.png"), broken = folder.appendingPathComponent("b.pdf")
        try Data(ImageEncoder.png(page([try problem(composer, ["3", "+", "4", "=", "7"], seed: 1)]))).write(to: good)
        try Data("%PDF-1.4\nthis is not a PDF".utf8).write(to: broken)
        let outcome = try MathscanProcess.run(["worksheets", good.path, broken.path, "--out", folder.appendingPathComponent("r").path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("b.pdf"), outcome.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("r/class.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("a.png,1,1,3 + 4 = 7,7,7,right,"), csv)
        XCTAssertTrue(csv.contains("b.pdf,1,,,,,error: "), csv)
    }

    /// A page past --time-budget is an error row of its own, and the report is still written.
    func testAPagePastTheTimeBudgetIsAnErrorRow() throws {
        let folder = try temporaryFolder()
        let specks = folder.appendingPathComponent("specks.png")
        try Data(ImageEncoder.png(SpecklePage.make())).write(to: specks)
        let outcome = try MathscanProcess.run(["worksheets", specks.path, "--out", folder.appendingPathComponent("r").path, "--time-budget", "0.001"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("time budget"), outcome.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("r/class.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("specks.png,1,,,,,\"error: reading the page took longer than its time budget"), csv)
    }

    /// With --resume a file graded before is not read again — its saved pages are reused even
    /// under a time budget no page could meet — while a new or changed file is read.
    func testResumeReusesOnlyFilesAlreadyGraded() throws {
        let composer = try composer()
        let folder = try temporaryFolder()
        let a = folder.appendingPathComponent("a.png"), b = folder.appendingPathComponent("b.png")
        let report = folder.appendingPathComponent("r"), csv = report.appendingPathComponent("class.csv")
        try Data(ImageEncoder.png(page([try problem(composer, ["3", "+", "4", "=", "7"], seed: 1)]))).write(to: a)
        try Data(ImageEncoder.png(page([try problem(composer, ["5", "+", "2", "=", "7"], seed: 2)]))).write(to: b)
        let first = try MathscanProcess.run(["worksheets", a.path, "--out", report.path])
        XCTAssertEqual(first.status, 0, first.stderr)

        let resumed = try MathscanProcess.run(["worksheets", a.path, b.path, "--out", report.path, "--resume", "--time-budget", "0.001"])
        XCTAssertEqual(resumed.status, 1, "b.png is read, and cannot be in a millisecond")
        var text = try String(contentsOf: csv, encoding: .utf8)
        XCTAssertTrue(text.contains("a.png,1,1,3 + 4 = 7,7,7,right,"), text)
        XCTAssertTrue(text.contains("b.png,1,,,,,\"error: reading the page took longer"), text)

        // Without --resume every file is read again.
        let again = try MathscanProcess.run(["worksheets", a.path, "--out", report.path, "--time-budget", "0.001"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains("a.png,1,,,,,\"error:"))

        // A file changed since it was graded is read again.
        try Data(ImageEncoder.png(page([try problem(composer, ["2", "+", "2", "=", "4"], seed: 3)]))).write(to: a)
        let changed = try MathscanProcess.run(["worksheets", a.path, b.path, "--out", report.path, "--resume"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        text = try String(contentsOf: csv, encoding: .utf8)
        XCTAssertTrue(text.contains("a.png,1,1,2 + 2 = 4,4,4,right,"), text)
        XCTAssertTrue(text.contains("b.png,1,1,5 + 2 = 7,7,7,right,"), text)
    }

    /// A class batch killed at any moment and resumed writes the same report as one run through.
    func testAKilledClassBatchResumesToTheSameReport() throws {
        let composer = try composer()
        let folder = try temporaryFolder()
        let scans = folder.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        for student in 0..<8 {
            let problems = try (0..<4).map { item in
                try problem(composer, ["\(item + 1)", "+", "\(student % 5)", "=", "\(item + 1 + student % 5)"], seed: UInt64(10 * student + item))
            }
            try Data(ImageEncoder.png(page(problems))).write(to: scans.appendingPathComponent("student\(student).png"))
        }
        let whole = folder.appendingPathComponent("whole"), stopped = folder.appendingPathComponent("stopped")
        XCTAssertEqual(try MathscanProcess.run(["worksheets", scans.path, "--out", whole.path]).status, 0)

        let process = Process()
        process.executableURL = MathscanProcess.executable
        process.arguments = ["worksheets", scans.path, "--out", stopped.path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Kill it once some files are done, wherever it is.
        let deadline = Date().addingTimeInterval(60)
        let pages = stopped.appendingPathComponent("pages")
        while Date() < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: pages.path)) ?? []).filter({ $0.hasSuffix(".json") }).count < 2 {
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let resumed = try MathscanProcess.run(["worksheets", scans.path, "--out", stopped.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        for name in ["class.csv", "index.html"] {
            XCTAssertEqual(try String(contentsOf: stopped.appendingPathComponent(name), encoding: .utf8),
                           try String(contentsOf: whole.appendingPathComponent(name), encoding: .utf8), name)
        }
    }
}
