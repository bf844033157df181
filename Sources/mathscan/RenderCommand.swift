import ArgumentParser

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Render InkML pen input to an image (clean or photo-like).")
    func run() throws { throw ValidationError("not implemented yet") }
}
