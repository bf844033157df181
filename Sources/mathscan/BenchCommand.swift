import ArgumentParser

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Time each pipeline stage per image.")
    func run() throws { throw ValidationError("not implemented yet") }
}
