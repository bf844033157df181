// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over mathscan's input parsers. Build and run with scripts/fuzz.sh, which
// passes -sanitize=fuzzer,address; each target is one executable.
let targets = ["FuzzImageDecoding", "FuzzInkML", "FuzzGrammar", "FuzzModelFile", "FuzzRecognizer"]

let package = Package(
    name: "mathscan-fuzz",
    dependencies: [.package(name: "mathscan", path: "..")],
    targets: [.target(name: "FuzzDriver")] + targets.map {
        .executableTarget(name: $0, dependencies: ["FuzzDriver", .product(name: "MathscanKit", package: "mathscan")])
    }
)
