import ArgumentParser
import Foundation
import ImageDecoding
import Recognition

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time each pipeline stage per image: decode, preprocessing, classification, parsing.",
        discussion: """
            Figures are medians over --repeat runs; compare ratios from one run, not across machines. \
            full_decode_ms is the whole image decoded to grey at full size, the work of djpeg -grayscale \
            (PNG and JPEG only), timed in turn with the pipeline: total/full_decode is the pipeline's \
            cost in decodes.
            """)

    @Option(help: "Runs per image; the median is reported.")
    var `repeat`: Int = 5

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Image or InkML files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to time") }
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        print("file\tpixels\tsymbols\tdecode_ms\tpreprocess_ms\tclassify_ms\tparse_ms\ttotal_ms\ttotal/decode\tfull_decode_ms\ttotal/full_decode")
        var failures = 0
        for file in files {
            do {
                var runs: [Recognizer.Run] = []
                var fullDecodes: [Double] = []
                let bytes = try InputFiles.read(file)
                let isImage = ImageDecoder.format(of: bytes) != nil
                for _ in 0..<`repeat` {
                    runs.append(try recognizer.run(file: file))
                    if isImage {
                        let start = DispatchTime.now().uptimeNanoseconds
                        _ = try ImageDecoder.decode(bytes, options: DecodeOptions(maxPixels: recognizer.options.maxPixels))
                        fullDecodes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    }
                }
                let median = { (stage: (StageTimings) -> Double) -> Double in
                    let sorted = runs.map { stage($0.timings) }.sorted()
                    return sorted[sorted.count / 2]
                }
                let decode = median(\.decode), total = median(\.total)
                let first = runs[0]
                let symbols = first.page.lines.reduce(0) { $0 + $1.symbols.count }
                let pixels = "\(first.image.width * first.scale)x\(first.image.height * first.scale)/\(first.scale)"
                let cells = [decode, median(\.preprocess), median(\.classify), median(\.parse), total]
                    .map { String(format: "%.2f", $0) }
                let fullDecode = fullDecodes.sorted().dropFirst(fullDecodes.count / 2).first
                let full = fullDecode.map { [String(format: "%.2f", $0), String(format: "%.2f", total / $0)] } ?? ["-", "-"]
                print(([file, pixels, "\(symbols)"] + cells + [String(format: "%.2f", decode > 0 ? total / decode : 0)] + full)
                    .joined(separator: "\t"))
            } catch {
                failures += 1
                StandardError.write("mathscan: \(file): \(error)\n")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
