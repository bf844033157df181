import FuzzDriver
import MathscanKit

// Model files: a damaged or hostile file is an error, never a crash or a huge allocation.
runFuzzer { data, size in
    let bytes = fuzzInput(data, size)
    if let classifier = try? SymbolClassifier(modelBytes: bytes) {
        _ = classifier.classify([[Float](repeating: 0.5, count: SymbolClassifier.cropSize)], topK: 3)
    }
    return 0
}
