import ArgumentParser
import Foundation
import Recognition

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade the equations in worksheets: which are true, with the correct values.")

    @Flag(help: "Print one JSON object per input file, one per line.")
    var json = false

    @Option(help: "Files read at once (default: all cores); results are printed in input order.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Image or InkML files, one worksheet each.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one worksheet to grade") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        let failureLine = { (file: String, message: String) in GradeRecord(file: file, error: message).json }
        try recognizer.report(files, jobs: jobs, failureLine: json ? failureLine : nil) { file, run in
            let equations = run.page.lines.filter { $0.verdict != nil }
            let correct = equations.filter { $0.verdict == true }.count
            return json ? jsonLine(file: file, equations: equations, correct: correct)
                        : textBlock(file: file, equations: equations, correct: correct)
        }
    }

    private func textBlock(file: String, equations: [LineResult], correct: Int) -> String {
        var out = "\(file): \(correct) of \(equations.count) correct"
        for line in equations {
            out += "\n  " + (line.verdict == true ? "right  " : "WRONG  ") + line.latex
            if line.verdict == false, let value = line.value { out += "    (left side is \(value))" }
            if let note = line.note, line.verdict == true, note != "exact" { out += "    (\(note))" }
        }
        return out
    }

    private func jsonLine(file: String, equations: [LineResult], correct: Int) -> String {
        GradeRecord(file: file, correct: correct, total: equations.count, equations: equations).json
    }
}

/// One worksheet's line in `grade --json`: its equations as the library reports them.
struct GradeRecord: Encodable {
    var file: String
    var correct: Int?
    var total: Int?
    var equations: [LineResult] = []
    var error: String?

    private enum CodingKeys: String, CodingKey { case file, correct, total, equations, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(correct, forKey: .correct)
        try container.encode(total, forKey: .total)
        try container.encode(equations, forKey: .equations)
        try container.encode(error, forKey: .error)
    }

    var json: String {
        ReportLine.line(self, fallback: GradeRecord(file: file, error: "the result could not be encoded"))
    }
}
