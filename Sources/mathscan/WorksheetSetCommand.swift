import NeuralNetwork
import Training
import ArgumentParser
import DocumentDecoding
import Evaluation
import Foundation
import ImageDecoding
import InkInput
import Synthesis

/// Builds a worksheet test set from real handwritten expressions (InkML with truth): pages of
/// problems laid out in grids, or numbered down columns, under a printed heading, saved as PDF
/// pages and, rendered back from them, clean scans and photo-like JPEGs, with a manifest in the
/// real-dev format (tier `grid`, the problems in reading
/// order separated by ` ; `) for `mathscan score --tier grid --items`.
struct WorksheetSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksheet-set",
        abstract: "Lay out real handwritten expressions (InkML) as worksheet pages with a truth manifest, to measure reading item by item.")

    @Option(help: "Folders of InkML files (searched recursively) whose arithmetic expressions are laid out.")
    var data: [String]

    @Option(help: "Folder for the pages and manifest.tsv (created when missing).")
    var out: String

    @Option(help: "Most pages to make (fewer when the expressions run out).")
    var pages = 12

    @Option(help: "Seed of the layouts and photo styles.")
    var seed: UInt64 = 5

    @Flag(help: "Leave out the printed heading (title, name line, instruction) above the problems.")
    var noHeadings = false

    func run() throws {
        var expressions: [(InkDocument, String)] = []
        var bank = InkSymbolBank()
        for file in try BatchInputs.collect(data) where file.lowercased().hasSuffix(".inkml") {
            guard let text = try? InputFiles.readText(file), let document = try? InkDocument.parse(text) else { continue }
            bank.add(document, writer: DataSplit.writer(inInkML: text) ?? file)
            // Truth in the real-dev format: each digit its own token.
            if let truth = document.truthLaTeX.flatMap(TruthLaTeX.normalized) { expressions.append((document, ScoreTokens.tokens(truth).joined(separator: " "))) }
        }
        guard !expressions.isEmpty else { throw CommandFailure("no InkML file with arithmetic-only truth in \(data)") }
        let composer = InkComposer(bank: bank)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create \(out): \(error.localizedDescription)")
        }
        var generator = SeededGenerator(seed: seed)
        var rows = ["id\trepo\tpath\tcommit\ttier\tkind\ttruth\tnotes"]
        var next = 0
        for number in 1...pages {
            let columns = 2 + Int(generator.next() % 3)
            let perColumn = 3 + Int(generator.next() % 3)
            let count = min(columns * perColumn, expressions.count - next)
            guard count >= 2 else { break }
            // Half the pages are numbered and read down the columns; the others are grids read row by row.
            let numbered = number % 2 == 0
            let chosen = Array(expressions[next..<(next + count)])
            next += count
            let inks = chosen.map { InkRenderer.render($0.0).image }
            var labels: [GrayImage?] = []
            for index in inks.indices {
                labels.append(numbered ? try? InkRenderer.render(composer.compose(["\(index + 1)", ")"], seed: seed &+ UInt64(index))).image : nil)
            }
            let labelWidth = labels.compactMap { $0?.width }.max() ?? 0
            let cellWidth = (inks.map(\.width).max() ?? 0) + labelWidth + 150
            let cellHeight = (inks.map(\.height).max() ?? 0) + 80
            let rowsPerPage = (count + columns - 1) / columns
            // A printed heading above the problems, as on a teacher's sheet: a title, a line
            // for the name, an instruction. Set in the system's sans-serif by the PDF writer.
            var headingGenerator = SeededGenerator(seed: seed &+ 1_000 &+ UInt64(number))
            let heading = noHeadings ? [] : Self.heading(number: number, generator: &headingGenerator)
            let top = Int(heading.map { $0.y }.max() ?? 10) + 40
            var page = GrayImage(width: columns * cellWidth + 100, height: top + rowsPerPage * cellHeight + 100)
            var order: [(Int, String)] = []
            for index in 0..<count {
                // Numbered pages fill columns top to bottom; grids fill rows left to right.
                let (column, row) = numbered ? (index / rowsPerPage, index % rowsPerPage) : (index % columns, index / columns)
                // Rows of a hand-written sheet are not ruled: each problem wanders a little.
                let x = 50 + column * cellWidth + Int(generator.next() % 40)
                let y = top + row * cellHeight + Int(generator.next() % 30)
                if let label = labels[index] { Self.paste(label, into: &page, x: x, y: y + max(0, inks[index].height - label.height) / 2) }
                Self.paste(inks[index], into: &page, x: x + labelWidth, y: y)
                order.append((numbered ? index : row * columns + column, chosen[index].1))
            }
            let truth = order.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: " ; ")
            let id = String(format: "ws%02d", number)
            let layout = "\(count) problems in \(columns) columns, " + (numbered ? "numbered down the columns" : "a grid read row by row")
            // The PDF is the sheet as printed and written on; the scan and the photo are that PDF
            // rendered, so all three carry the same typeset heading.
            let pdfPath = URL(fileURLWithPath: out).appendingPathComponent("\(id)-pdf.pdf").path
            try DocumentEncoder.writePDF([page], text: heading, to: pdfPath, dpi: Self.dpi)
            page = try Document(bytes: Array(Data(contentsOf: URL(fileURLWithPath: pdfPath))), dpi: Self.dpi).page(0)
            try Data(ImageEncoder.png(page)).write(to: URL(fileURLWithPath: out).appendingPathComponent("\(id)-scan.png"))
            rows.append("\(id)-scan\tworksheet-set\t\t\tgrid\tscan\t\(truth)\t\(layout), clean")
            var photoGenerator = SeededGenerator(seed: seed &+ UInt64(number))
            let style = PhotoStyle.random(using: &photoGenerator, maxRotation: 0)
            let photo = PhotoSimulator.apply(style, to: page, generator: &photoGenerator)
            try Data(ImageEncoder.jpeg(photo, quality: 85)).write(to: URL(fileURLWithPath: out).appendingPathComponent("\(id)-photo.jpg"))
            rows.append("\(id)-photo\tworksheet-set\t\t\tgrid\tphoto\t\(truth)\t\(layout), photo-like lighting and ink")
            rows.append("\(id)-pdf\tworksheet-set\t\t\tgrid\tpdf\t\(truth)\t\(layout), PDF page")
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: URL(fileURLWithPath: out).appendingPathComponent("manifest.tsv").path, atomically: true, encoding: .utf8)
        print("\(rows.count - 1) pages from \(next) expressions in \(out)")
    }

    /// Pages are printed and rendered at this resolution (the page image's pixels are its dots).
    static let dpi = 150.0

    /// Three printed lines: a bold title, a name line, an instruction; their words vary by page.
    static func heading(number: Int, generator: inout SeededGenerator) -> [DocumentEncoder.PrintedText] {
        let topics = ["Arithmetic practice", "Mixed operations", "Review", "Practice sheet", "Warm-up"]
        let instructions = ["Work out each problem and write the answer after the equals sign.",
                            "Solve. Show your answer.", "Complete each calculation.",
                            "Write the result of each problem."]
        let topic = topics[Int(generator.next() % UInt64(topics.count))]
        let instruction = instructions[Int(generator.next() % UInt64(instructions.count))]
        let size = 30.0 + Double(generator.next() % 12)
        return [
            .init(page: 0, x: 50, y: 50 + size, size: size, bold: true, text: "Worksheet \(number): \(topic)"),
            .init(page: 0, x: 50, y: 70 + 2.2 * size, size: 0.7 * size, text: "Name: ________________    Class: ______"),
            .init(page: 0, x: 50, y: 80 + 3.2 * size, size: 0.7 * size, text: instruction),
        ]
    }

    static func paste(_ ink: GrayImage, into page: inout GrayImage, x: Int, y: Int) {
        for row in 0..<ink.height where y + row < page.height {
            for column in 0..<ink.width where x + column < page.width {
                let offset = (y + row) * page.width + x + column
                page.pixels[offset] = min(page.pixels[offset], ink[column, row])
            }
        }
    }
}
