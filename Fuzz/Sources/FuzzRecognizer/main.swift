import Foundation
import FuzzDriver
import MathscanKit

// The whole pipeline on arbitrary file contents, with the shipped model and grammar.
nonisolated(unsafe) let recognizer: Recognizer? = {
    var options = Recognizer.Options()
    options.maxPixels = 4_000_000
    return try? Recognizer.shipped(options: options)
}()

runFuzzer { data, size in
    guard let recognizer else { fatalError("the shipped resources are missing beside the fuzzer") }
    let bytes = fuzzInput(data, size)
    if let page = try? recognizer.recognize(fileContents: bytes) {
        _ = try? JSONEncoder().encode(page)
    }
    return 0
}
