import ArgumentParser
import Foundation
import ImageDecoding
import Recognition

struct Recognize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recognize",
        abstract: "Recognize handwritten mathematics in images (PNG, JPEG) or InkML pen input.")

    @Flag(help: "Print one JSON object per input file, one per line, in input order.")
    var json = false

    @Flag(help: "Also print each line's MathML (the JSON always has it).")
    var mathml = false

    @Option(help: "Write an overlay picture per file into this folder: each symbol's box and label.")
    var overlay: String?

    @Option(help: "Files read at once (default: all cores); results are printed in input order.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Image or InkML files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to recognize") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        if let overlay {
            do { try FileManager.default.createDirectory(atPath: overlay, withIntermediateDirectories: true) } catch {
                throw CommandFailure("cannot create overlay folder \(overlay): \(error.localizedDescription)")
            }
        }
        let failureLine: ((String, String) -> String)? = json ? { ReportLine.json(file: $0, error: $1) } : nil
        try recognizer.report(files, jobs: jobs, failureLine: failureLine) { file, run in
            if let overlay { try writeOverlay(run, for: file, into: overlay) }
            return json ? ReportLine.json(file: file, page: run.page) : TextReport.describe(file: file, page: run.page, mathML: mathml)
        }
    }

    private func writeOverlay(_ run: Recognizer.Run, for file: String, into folder: String) throws {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".overlay.png"
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        let png = try ImageEncoder.png(run.overlay())
        guard FileManager.default.createFile(atPath: path, contents: Data(png)) else {
            throw CommandFailure("cannot write overlay \(path)")
        }
    }
}

/// The human-readable form of a page: one block per file, one row per line of writing.
enum TextReport {
    static func describe(file: String, page: PageReading, mathML: Bool = false) -> String {
        guard !page.lines.isEmpty else { return "\(file): no writing found" }
        var out = "\(file):"
        for line in page.lines {
            out += "\n  " + line.latex
            if let value = line.value { out += "    value \(value)" }
            if let verdict = line.verdict { out += verdict ? "    TRUE" : "    FALSE" }
            if let note = line.note { out += " (\(note))" }
            if let problem = line.problem { out += "    (\(problem))" }
            out += String(format: "    confidence %.2f", line.confidence)
            if mathML, let markup = line.mathML { out += "\n    <math>\(markup)</math>" }
        }
        return out
    }
}
