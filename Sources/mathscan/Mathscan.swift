import ArgumentParser

@main
struct Mathscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mathscan",
        abstract: "Reads handwritten mathematics from photos and scans.",
        subcommands: [Describe.self]
    )
}
