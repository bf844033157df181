import ArgumentParser
import Foundation
import ImageDecoding
import InkInput
import Recognition

/// Measures the whole pipeline on handwritten expressions with known truth: each InkML file is
/// rendered (clean PNG or photo-like JPEG), recognised from those bytes, and its LaTeX compared
/// with the truth.
struct EndToEndReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-to-end-report",
        abstract: "Measure exact LaTeX matches on InkML files with known truth, rendered clean or photo-like.")

    @Option(help: "Folders of InkML files (searched recursively) or InkML files.")
    var data: [String]

    @Flag(help: "Render photo-like JPEGs instead of clean PNGs.")
    var photo = false

    @Option(help: "Seed of the photo simulation.")
    var seed: UInt64 = 7

    @Flag(help: "List every miss.")
    var verbose = false

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        let files = try BatchInputs.collect(data).filter { $0.lowercased().hasSuffix(".inkml") }
        var considered = 0, matched = 0
        var totalMilliseconds = 0.0
        for (index, file) in files.enumerated() {
            guard let document = try? InkDocument.parse(readText(file)),
                  let truth = document.truthLaTeX.flatMap(TruthLaTeX.normalized) else { continue }
            considered += 1
            let bytes: [UInt8]
            if photo {
                let rendering = PhotoSimulator.photograph(document, seed: seed &+ UInt64(index))
                bytes = try ImageEncoder.jpeg(rendering.image, quality: 80)
            } else {
                bytes = try ImageEncoder.png(InkRenderer.render(document).image)
            }
            let run = try? recognizer.recognizeTimed(imageBytes: bytes)
            totalMilliseconds += run?.timings.total ?? 0
            let latex = run?.page.latex
            if latex == truth {
                matched += 1
            } else if verbose {
                print("miss\t\(file)\ttruth: \(truth)\tread: \(latex ?? "nothing")")
            }
        }
        guard considered > 0 else { throw CommandFailure("no InkML file with arithmetic-only truth in \(data)") }
        let share = 100 * Double(matched) / Double(considered)
        let perImage = String(format: "%.1f", totalMilliseconds / Double(considered))
        print("\(photo ? "photo-like" : "clean"): \(matched) of \(considered) expressions read exactly "
              + "(\(String(format: "%.1f", share)) %), \(perImage) ms per image")
    }
}
