import ArgumentParser

struct SegmentationReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segmentation-report", abstract: "Measure segmentation against InkML ground truth.")
    func run() throws { throw ValidationError("not implemented yet") }
}
