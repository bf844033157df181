import ArgumentParser
import Foundation

@main
struct Mathscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mathscan",
        abstract: "Reads handwritten mathematics from photos and scans.",
        subcommands: [
            Recognize.self, Grade.self, Batch.self, Train.self, Evaluate.self,
            Render.self, Bench.self, DecodeBench.self, BatchBench.self, SegmentationReport.self, EndToEndReport.self,
            Score.self, GradeWorksheets.self, WorksheetSet.self, LabCommand.self, StructureReport.self,
            ExpressionReport.self,
        ]
    )

    /// Exit statuses are part of the contract (DESIGN.md): 0 every file read, 1 some file failed,
    /// 2 a usage error. ArgumentParser would use 64 for usage errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            StandardError.write("mathscan: \(failure.description)\n")
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
