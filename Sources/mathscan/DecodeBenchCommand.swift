import ArgumentParser

struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-decode", abstract: "Time image decoding at several scales.")
    func run() throws { throw ValidationError("not implemented yet") }
}
