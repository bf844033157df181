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

    @Flag(help: "Simulate a phone photo of paper (lighting, shadow, ink colour, blur, noise, rotation) and save it as JPEG.")
    var photo = false

    @Option(help: "Seed of the photo simulation (the same seed gives the same image).")
    var seed: UInt64 = 1

    @Option(help: "Render all the files as one page, one expression per line, saved as NAME.png (or .jpg).")
    var name: String?

    @Option(help: "Pixel size of the expression's median symbol.")
    var symbolSize: Double = 48

    @Option(help: "Pen width in pixels.")
    var penWidth: Double = 3

    @Option(help: "Paper size WxH in pixels around the writing, e.g. 4000x3000 for a 12-megapixel photo.")
    var canvas: String?

    func validate() throws {
        guard symbolSize >= 4, symbolSize <= 1000 else { throw ValidationError("--symbol-size must be between 4 and 1000 pixels") }
        guard penWidth > 0, penWidth <= 100 else { throw ValidationError("--pen-width must be between 0 and 100 pixels") }
        if let canvas, parseCanvas(canvas) == nil { throw ValidationError("--canvas must look like 4000x3000 (at most 20000 a side)") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create --out folder \(out): \(error.localizedDescription)")
        }
        var options = InkRenderOptions(symbolSize: symbolSize, penWidth: penWidth)
        if let size = canvas.flatMap(parseCanvas) { (options.minimumWidth, options.minimumHeight) = size }
        var failed = false
        // Each job is one output image: a file of its own, or (with --name) all files as one page.
        let jobs: [(name: String, sources: [String])] = name.map { [($0, files)] }
            ?? files.map { (URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent, [$0]) }
        for (index, (name, sources)) in jobs.enumerated() {
            let file = sources.joined(separator: ", ")
            do {
                let documents = try sources.map { try InkDocument.parse(try InputFiles.readText($0)) }
                let document = documents.count == 1 ? documents[0] : InkPage.stack(documents)
                let target: URL, bytes: [UInt8]
                if photo {
                    let fileSeed = seed &+ UInt64(index)
                    let rendering = PhotoSimulator.photograph(document, seed: fileSeed, options: options)
                    bytes = try ImageEncoder.jpeg(rendering.image, quality: 70 + Int(fileSeed % 23))
                    target = folder.appendingPathComponent(name + ".jpg")
                } else {
                    bytes = try ImageEncoder.png(InkRenderer.render(document, options: options).image)
                    target = folder.appendingPathComponent(name + ".png")
                }
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

/// "4000x3000" → (4000, 3000); nil unless both sides are 1…20000.
func parseCanvas(_ text: String) -> (width: Int, height: Int)? {
    let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 20_000 }) else { return nil }
    return (parts[0], parts[1])
}
