import ArgumentParser
import DocumentDecoding
import Foundation
import ImageDecoding
import NeuralNetwork
import Recognition
import WorksheetReport
import Worksheets

/// Grades a class's worksheets item by item: every page split into its problems, each read and
/// marked ✓ / ✗ / ? / blank, into a CSV per page, one for the class and one HTML page.
struct GradeWorksheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksheets",
        abstract: "Grade scanned worksheets problem by problem into CSV files and one HTML report.",
        discussion: """
            Each page is split into its problems by its layout (a grid, columns, rows), item labels \
            such as 1) or 2. kept apart. A problem is right or wrong by its own = or, with --key, by \
            the expected answer of its item number; an answer missing after = is blank; a reading \
            whose confidence is below --min-confidence is ? (uncertain), for the teacher to check. \
            Printed text (headings, instructions) is set aside and shown, not graded.

            Each file's pages are saved in the report folder as soon as the file is done \
            (pages/NNN-name.json); with --resume a stopped run goes on from there, reading only \
            the files not yet done (or changed, or graded with other settings).
            """)

    @Argument(help: "Folders (searched recursively for .png, .jpg, .jpeg, .tif, .tiff, .pdf) or files; the format is read from the bytes.")
    var inputs: [String]

    @Option(help: "Folder for the report (created when missing): index.html, class.csv, and per page pages/*.csv and a picture with each item boxed and marked, pages/*.svg.")
    var out: String

    @Option(help: "Answer key: tab-separated lines of item number and expected answer (18, 0.5 or 1/3).")
    var key: String?

    @Option(help: "Readings less confident than this are marked ? (uncertain) rather than ✓ or ✗.")
    var minConfidence = Grader.defaultMinimumConfidence

    @Option(help: "Resolution at which PDF pages are rendered, in dots per inch.")
    var dpi = 200.0

    @Option(help: "Title of the HTML report.")
    var title = "Worksheets"

    @Flag(help: "Keep the files a previous run into --out already graded with the same settings; read only the others.")
    var resume = false

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one folder or file") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1") }
        if !(50...1200).contains(dpi) { throw ValidationError("--dpi must be between 50 and 1200") }
    }

    func run() throws {
        let answerKey: AnswerKey?
        var keyText = ""
        if let key {
            do {
                keyText = try InputFiles.readText(key)
                answerKey = try AnswerKey(parsing: keyText)
            } catch {
                throw CommandFailure("\(key): \(error)")
            }
        } else {
            answerKey = nil
        }
        let files = try BatchInputs.collect(inputs, extensions: WorksheetInputs.extensions)
        let reader = WorksheetReader(recognizer: try modelOptions.makeRecognizer())
        let grader = Grader(minimumConfidence: minConfidence, key: answerKey)
        let outFolder = URL(fileURLWithPath: out)
        let pagesFolder = outFolder.appendingPathComponent("pages")
        do {
            try FileManager.default.createDirectory(at: pagesFolder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create \(pagesFolder.path): \(error.localizedDescription)")
        }

        // What a saved file's grades depend on besides the file: a run with other settings reads it again.
        let settings = "key \(FNV1a.hash(keyText.utf8)) min-confidence \(minConfidence) dpi \(dpi) model \(modelOptions.model ?? "shipped") "
            + "grammar \(modelOptions.grammar ?? "shipped")"
        var graded: [GradedPage] = []
        var failures = 0
        let clock = ContinuousClock()
        let start = clock.now
        let progressing = StandardError.isTerminal
        for (index, file) in files.enumerated() {
            let elapsed = clock.now - start
            let eta = index == 0 ? "" : " ETA \(Self.duration(elapsed / index * (files.count - index)))"
            StandardError.write((progressing ? "\r\u{1B}[K" : "") + "worksheets: \(index + 1)/\(files.count) \(file)\(eta)" + (progressing ? "" : "\n"))
            let recordURL = pagesFolder.appendingPathComponent(Self.fileName(file: file, index: index) + ".json")
            let bytes: [UInt8]
            do {
                bytes = try InputFiles.read(file)
            } catch {
                failures += 1
                StandardError.write((progressing ? "\r\u{1B}[K" : "") + "mathscan: \(file): \(error)\n")
                graded.append(GradedPage(file: file, page: 1, rows: [], thumbnail: nil, pageWidth: 0, pageHeight: 0, error: "\(error)"))
                continue
            }
            let checksum = FNV1a.hash(bytes)
            if resume, let saved = GradedFile.load(recordURL), saved.file == file, saved.checksum == checksum, saved.settings == settings {
                graded += saved.pages
                continue
            }
            var pages: [GradedPage] = []
            do {
                for (number, result) in try DocumentReader.pages(of: bytes, reader: reader, dpi: dpi) {
                    switch result {
                    case .success(let (reading, thumbnail)):
                        pages.append(GradedPage(file: file, page: number, reading: reading, grader: grader, thumbnail: thumbnail))
                    case .failure(let error):
                        failures += 1
                        StandardError.write((progressing ? "\r\u{1B}[K" : "") + "mathscan: \(file) page \(number): \(error)\n")
                        pages.append(GradedPage(file: file, page: number, rows: [], thumbnail: nil, pageWidth: 0, pageHeight: 0, error: "\(error)"))
                    }
                }
            } catch {
                failures += 1
                StandardError.write((progressing ? "\r\u{1B}[K" : "") + "mathscan: \(file): \(error)\n")
                graded.append(GradedPage(file: file, page: 1, rows: [], thumbnail: nil, pageWidth: 0, pageHeight: 0, error: "\(error)"))
                continue
            }
            for page in pages {
                let name = Self.fileName(file: file, index: index) + "-p\(page.page)"
                try Self.write(CSVReport.render([page]), to: pagesFolder.appendingPathComponent(name + ".csv"))
                if let picture = HTMLReport.picture(page) {
                    try Self.write(picture, to: pagesFolder.appendingPathComponent(name + ".svg"))
                }
            }
            // Saved last, atomically: a run stopped before this point reads the file again; so
            // does one after a page failed (it may have been given up for time).
            if !pages.contains(where: { $0.error != nil }) {
                try GradedFile(file: file, checksum: checksum, settings: settings, pages: pages).save(recordURL)
            }
            graded += pages
        }
        if progressing { StandardError.write("\r\u{1B}[K") }
        try Self.write(CSVReport.render(graded), to: outFolder.appendingPathComponent("class.csv"))
        try Self.write(HTMLReport.render(graded, title: title, minimumConfidence: minConfidence), to: outFolder.appendingPathComponent("index.html"))
        let counts = Dictionary(grouping: graded.flatMap(\.rows), by: \.verdict).mapValues(\.count)
        let summary = ItemVerdict.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        print("\(graded.count) pages of \(files.count) files, items: \(summary); report in \(outFolder.path)/index.html")
        if failures > 0 { throw ExitCode(1) }
    }

    /// `pages/003-name` (then `-p2.csv`, `-p2.svg` per page and `.json` for the file): the
    /// input's place keeps names unique and in input order.
    static func fileName(file: String, index: Int) -> String {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            .map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return String(format: "%03d-", index + 1) + String(stem)
    }

    static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func duration(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        return seconds >= 60 ? "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s" : "\(seconds)s"
    }
}

/// One input file's graded pages as saved for `--resume`, with what they were graded from.
struct GradedFile: Codable {
    var file: String
    /// FNV-1a of the file's bytes: a file changed since is read again.
    var checksum: UInt64
    var settings: String
    var pages: [GradedPage]

    /// The saved record, nil when there is none or it cannot be read (then the file is read again).
    static func load(_ url: URL) -> GradedFile? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(GradedFile.self, from: data)
    }

    func save(_ url: URL) throws {
        do {
            try JSONEncoder().encode(self).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

enum WorksheetInputs {
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "pdf"]
}

/// The pages of a file: every page of a TIFF or PDF, the one page of a PNG or JPEG.
enum DocumentReader {
    /// Page numbers with each page read or, for a page that fails, why; throws when the file
    /// itself cannot be opened.
    static func pages(of bytes: [UInt8], reader: WorksheetReader, dpi: Double) throws -> [(Int, Result<(WorksheetPage, GrayImage), Error>)] {
        guard Document.format(of: bytes) != nil else {
            let (image, scale) = try reader.recognizer.decode(bytes)
            return [(1, Result { (try reader.read(image, scale: scale), GradedPage.thumbnail(image)) })]
        }
        let document = try Document(bytes: bytes, dpi: dpi, maxPixels: reader.recognizer.options.maxPixels)
        return (0..<document.pageCount).map { index in
            (index + 1, Result { let image = try document.page(index); return (try reader.read(image), GradedPage.thumbnail(image)) })
        }
    }
}
