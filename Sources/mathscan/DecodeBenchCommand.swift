import ArgumentParser
import Foundation
import ImageDecoding

/// Times JPEG decoding at full, 1/2, 1/4 and 1/8 scale (a benchmark, not a test).
struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-decode", abstract: "Time image decoding at several scales.")

    @Argument(help: "The image to decode (a large JPEG photo shows the effect of scaling).")
    var file: String

    @Option(help: "Decodes per scale; the median is reported.")
    var `repeat` = 5

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            return try fail(ImageDecodingError.unreadable(error.localizedDescription))
        }
        do {
            let header = try ImageDecoder.header(of: bytes)
            print("\(file): \(header.format), \(header.width)×\(header.height), \(bytes.count) bytes, median of \(`repeat`)")
            let denominators = [1, 2, 4, 8]
            var times = [[Double]](repeating: [], count: denominators.count)
            var sizes = [(Int, Int)](repeating: (0, 0), count: denominators.count)
            // Scales take turns within each round, so that load from other processes affects
            // them alike and the ratios stay meaningful on a shared machine.
            for _ in 0..<`repeat` {
                for (index, denominator) in denominators.enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: denominator))
                    times[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    sizes[index] = (image.width, image.height)
                }
            }
            let medians = times.map { $0.sorted()[$0.count / 2] }
            for (index, denominator) in denominators.enumerated() {
                let (width, height) = sizes[index]
                print(String(format: "scale 1/%d  %5d×%-5d  %9.2f ms  %5.2f× faster than 1/1",
                             denominator, width, height, medians[index], medians[0] / medians[index]))
            }
        } catch let error as ImageDecodingError {
            try fail(error)
        }
    }

    private func fail(_ error: ImageDecodingError) throws {
        FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
        throw ExitCode.failure
    }
}
