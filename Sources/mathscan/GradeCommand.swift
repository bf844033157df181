import ArgumentParser

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade", abstract: "Grade the equations in worksheets: which are true, with the correct values.")
    func run() throws { throw ValidationError("not implemented yet") }
}
