import ArgumentParser

@main
struct Mathscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mathscan",
        abstract: "Reads handwritten mathematics from photos and scans.",
        subcommands: [
            Recognize.self, Grade.self, Batch.self, Train.self, Evaluate.self,
            Render.self, Bench.self, DecodeBench.self, SegmentationReport.self,
        ]
    )
}
