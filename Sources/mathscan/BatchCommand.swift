import ArgumentParser

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Recognize a folder of images into a JSON Lines report.")
    func run() throws { throw ValidationError("not implemented yet") }
}
