import FuzzDriver
import MathscanKit

// InkML text: parsing and rendering must fail cleanly or give a page.
runFuzzer { data, size in
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    if let document = try? InkDocument.parse(text) {
        _ = try? InkRenderer.render(document)
    }
    return 0
}
