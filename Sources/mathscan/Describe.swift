import ArgumentParser

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decode images and describe them.")
    @Argument(help: "Image files.") var files: [String]
    func run() throws { for f in files { print(f) } }
}
