import ArgumentParser

struct Recognize: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recognize", abstract: "Recognize handwritten mathematics in images.")
    func run() throws { throw ValidationError("not implemented yet") }
}
