import ArgumentParser

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train a symbol classifier.")
    func run() throws { throw ValidationError("not implemented yet") }
}
