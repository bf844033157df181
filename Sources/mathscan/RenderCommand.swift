import ArgumentParser
import Foundation
import ImageDecoding
import InkInput

/// Renders InkML pen input to images: clean PNG, or a photo-like JPEG.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Render InkML pen input to an image (clean or photo-like).")

    @Argument(help: "InkML files to render.")
    var files: [String]

    @Option(help: "Folder for the images (created when missing); each is named after its InkML file.")
    var out: String

    @Option(help: "Render all the files as one page, one expression per line, saved as NAME.png (or .jpg).")
    var name: String?

    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create --out folder \(out): \(error.localizedDescription)")
        }
        var failed = false
        // Each job is one output image: a file of its own, or (with --name) all files as one page.
        let jobs: [(name: String, sources: [String])] = name.map { [($0, files)] }
            ?? files.map { (URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent, [$0]) }
        for (index, (name, sources)) in jobs.enumerated() {
            let file = sources.joined(separator: ", ")
            do {
                let documents = try sources.map { try InkDocument.parse(try InputFiles.readText($0)) }
                let document = documents.count == 1 ? documents[0] : InkPage.stack(documents)
                let drawn = try rendering.draw(document, index: index)
                let bytes = try drawn.jpeg ?? ImageEncoder.png(drawn.rendering.image)
                let target = folder.appendingPathComponent(name + (drawn.jpeg == nil ? ".png" : ".jpg"))
                try Data(bytes).write(to: target)
                print(target.path)
            } catch {
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
