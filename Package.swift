// swift-tools-version: 6.1
import PackageDescription

// The stages of the pipeline are separate modules (see docs/design.md):
// ImageDecoding → Preprocessing → Classification → MathGrammar, chained by Recognition and
// offered as one library, MathscanKit. The lab (Synthesis, Training, Evaluation) builds on the
// runtime and is used by the command-line tool and the tests only.
let package = Package(
    name: "mathscan",
    products: [
        .library(name: "MathscanKit", targets: ["MathscanKit"]),
        .executable(name: "mathscan", targets: ["mathscan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Debian C libraries, found with pkg-config.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        // libpng/libjpeg report fatal errors with longjmp, which Swift cannot catch: decode in C under setjmp.
        .target(name: "CImageCodec", dependencies: ["CPNG", "CJPEG"]),

        .target(name: "ImageDecoding", dependencies: ["CImageCodec"]),
        // Multi-page scans: TIFF (libtiff) and PDF (poppler), decoded in C to grey pages.
        .target(name: "CDocumentCodec", dependencies: ["CTIFF", "CPoppler"]),
        .target(name: "DocumentDecoding", dependencies: ["CDocumentCodec", "ImageDecoding"]),
        .target(name: "InkInput", dependencies: ["ImageDecoding"]),
        .target(name: "Preprocessing", dependencies: ["ImageDecoding"]),
        .target(name: "NeuralNetwork", dependencies: ["CBLAS"]),
        .target(name: "Vocabulary"),
        .target(name: "Classification", dependencies: ["NeuralNetwork", "Preprocessing", "Vocabulary"]),
        .target(name: "MathGrammar", dependencies: ["Vocabulary", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "Recognition", dependencies: ["Vocabulary", "ImageDecoding", "InkInput", "Preprocessing", "Classification", "MathGrammar"]),
        // The library people import: the runtime stages with the shipped model and grammar.
        .target(name: "MathscanKit", dependencies: ["Recognition", "Vocabulary"], resources: [.copy("Resources")]),
        // Worksheets: a page split into its problems by layout, each read and graded on its own.
        .target(name: "Worksheets", dependencies: ["Vocabulary", "Recognition", "Preprocessing", "Classification", "MathGrammar", "ImageDecoding"]),
        // The lab: nothing above depends on it. Synthesis renders training and test material
        // (composed equations, simulated photos); Training makes and measures classifiers.
        .target(name: "Synthesis", dependencies: ["Vocabulary", "Classification", "NeuralNetwork", "InkInput", "ImageDecoding", "MathGrammar"]),
        .target(name: "Training", dependencies: ["Vocabulary", "Classification", "NeuralNetwork", "Preprocessing", "InkInput", "Synthesis", "ImageDecoding"]),
        // Measuring readings against truth: lab-side, used by the command-line tool, not by the pipeline.
        .target(name: "Evaluation", dependencies: ["Recognition", "Classification", "InkInput", "Preprocessing", "ImageDecoding", "MathGrammar"]),
        // Reports a teacher opens (CSV, HTML) from graded worksheet pages.
        .target(name: "WorksheetReport", dependencies: ["Worksheets", "Recognition", "ImageDecoding"]),
        // The model lab (issue #14): the notebooks' experiments (baselines, optimizers, sweeps,
        // Hyperband, ablations) as one command each; used only by the command-line tool.
        .target(name: "Lab", dependencies: ["Training", "NeuralNetwork", "Classification", "Preprocessing", "ImageDecoding", "Vocabulary"]),
        .executableTarget(
            name: "mathscan",
            dependencies: ["MathscanKit", "Vocabulary", "Worksheets", "WorksheetReport", "DocumentDecoding", "Evaluation", "Synthesis", "Training", "Lab", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "ImageDecodingTests", dependencies: ["ImageDecoding"]),
        .testTarget(name: "InkInputTests", dependencies: ["InkInput", "NeuralNetwork", "Synthesis", "MathGrammar"]),
        .testTarget(name: "PreprocessingTests", dependencies: ["Preprocessing", "NeuralNetwork", "InkInput", "Synthesis"]),
        .testTarget(name: "NeuralNetworkTests", dependencies: ["NeuralNetwork"]),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Training", "Classification", "NeuralNetwork", "ImageDecoding"]),
        .testTarget(name: "ClassificationTests", dependencies: ["Classification", "Training", "Vocabulary"]),
        .testTarget(name: "MathGrammarTests", dependencies: ["MathGrammar", .product(name: "BigInt", package: "BigInt"),
                                                       .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "RecognitionTests", dependencies: ["Recognition"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "MathscanKitTests", dependencies: ["MathscanKit"]),
        .testTarget(name: "DocumentDecodingTests", dependencies: ["DocumentDecoding", "ImageDecoding"]),
        .testTarget(name: "WorksheetsTests", dependencies: ["Worksheets", "ImageDecoding", "MathGrammar", "Recognition"]),
        // Runs the built executable: the command-line contract and the golden samples.
        .testTarget(name: "mathscanTests", dependencies: ["mathscan", "DocumentDecoding", "InkInput", "Synthesis", "ImageDecoding"]),
    ],
    swiftLanguageModes: [.v6]
)
