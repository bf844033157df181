import ArgumentParser

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Evaluate a symbol classifier on labelled data.")
    func run() throws { throw ValidationError("not implemented yet") }
}
