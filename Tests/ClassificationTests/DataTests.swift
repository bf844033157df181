@testable import Training
import XCTest
import NeuralNetwork
import Vocabulary
@testable import Classification

final class DataTests: XCTestCase {
    /// A tall "1" and a flat "-", 100 units wide, plus an alpha (a CROHME class, not an arithmetic one).
    static let oneAndMinus = """
        <ink xmlns="http://www.w3.org/2003/InkML">
        <trace id="0">10 0, 10 50, 10 100</trace>
        <trace id="1">40 50, 90 50, 140 50</trace>
        <trace id="2">200 0, 250 100</trace>
        <traceGroup><annotation type="truth">Segmentation</annotation>
        <traceGroup><annotation type="truth">1</annotation><traceView traceDataRef="0"/></traceGroup>
        <traceGroup><annotation type="truth">-</annotation><traceView traceDataRef="1"/></traceGroup>
        <traceGroup><annotation type="truth">\\alpha</annotation><traceView traceDataRef="2"/></traceGroup>
        </traceGroup>
        </ink>
        """

    func testDetectsSourceKinds() {
        XCTAssertEqual(SourceKind.detect(relativePaths: ["HAMEX/a.inkml", "README"]), .inkML)
        XCTAssertEqual(SourceKind.detect(relativePaths: ["symbols/plus-12.png", "symbols/x-3.png"]), .bhmsds)
        XCTAssertEqual(SourceKind.detect(relativePaths: ["symbols_partitioned/train/division_obelus/u.png"]), .mdas)
        XCTAssertEqual(SourceKind.detect(relativePaths: ["eight/1.png", "div/2.png"]), .imageFolder)
        XCTAssertNil(SourceKind.detect(relativePaths: ["notes.txt", "photo/IMG_1.jpg"]))
    }

    func testMapsOnlyOurClasses() {
        let bhmsds = SourceKind.bhmsds.labeledImages(relativePaths: ["s/plus-1.png", "s/dot-2.png", "s/slash-3.png", "s/7-4.png", "s/w-5.png"])
        XCTAssertEqual(bhmsds.map(\.label), ["+", "7"])
        let mdas = SourceKind.mdas.labeledImages(relativePaths: ["t/multiplication_cross/a.png", "t/multiplication_dot/b.png",
                                                                  "t/division_slash/c.png", "t/division_obelus/d.png"])
        XCTAssertEqual(mdas.map(\.label), ["\\times", "\\div"])
        let folder = SourceKind.imageFolder.labeledImages(relativePaths: ["decimal/a.png", "lparen/b.png", "times/c.png", "alpha/d.png"])
        XCTAssertEqual(folder.map(\.label), [".", "(", "\\times"])
    }

    func testRendersCROHMESymbolsThroughTheCropNormaliser() throws {
        let crops = try CropExtractor.crops(inkML: Self.oneAndMinus, labels: Set(SymbolLabels.standard), penWidths: [2, 5])
        XCTAssertEqual(crops.map(\.label), ["1", "1", "-", "-"])
        XCTAssertTrue(crops.allSatisfy { $0.crop.count == 1024 })
        // The "-" keeps its aspect ratio: ink only in the middle rows.
        let minus = crops[2].crop
        let inkRows = (0..<32).filter { y in (0..<32).contains { minus[y * 32 + $0] > 0.5 } }
        XCTAssertFalse(inkRows.isEmpty)
        XCTAssertLessThanOrEqual(inkRows.count, 6)
        XCTAssertTrue(inkRows.allSatisfy { (12...19).contains($0) }, "\(inkRows)")
        // A wider pen gives more ink.
        XCTAssertGreaterThan(crops[3].crop.reduce(0, +), minus.reduce(0, +))
    }

    /// CROHME's 101 classes: the arithmetic ones first, each once; a model trained on them
    /// gets the symbols the arithmetic model skips, and only the classes it has.
    func testCROHMEVocabularyKeepsItsClassesAndOnlyThose() throws {
        let classes = MathSymbol.crohmeClasses
        XCTAssertEqual(classes.count, 101)
        XCTAssertEqual(Set(classes).count, 101)
        XCTAssertEqual(Array(classes.prefix(SymbolLabels.standard.count)), SymbolLabels.standard)
        XCTAssertEqual(SymbolLabels.crohmeLabel(" \\alpha "), "\\alpha")
        XCTAssertNil(SymbolLabels.crohmeLabel("\\alpha_{1}"))
        XCTAssertEqual(MathSymbol.vocabularies["crohme"], classes)
        let all = try CropExtractor.crops(inkML: Self.oneAndMinus, labels: Set(classes), penWidths: [3])
        XCTAssertEqual(all.map(\.label), ["1", "-", "\\alpha"])
        let some = try CropExtractor.crops(inkML: Self.oneAndMinus, labels: ["\\alpha"], penWidths: [3])
        XCTAssertEqual(some.map(\.label), ["\\alpha"])
    }

    func testPhotoCropsComeFromTheWholeExpressionPhoto() throws {
        let crops = try CropExtractor.photoCrops(inkML: Self.oneAndMinus, labels: Set(SymbolLabels.standard), seed: 3, jpegQuality: 70)
        XCTAssertEqual(crops.map(\.label), ["1", "-"])
        XCTAssertTrue(crops.allSatisfy { $0.crop.count == 1024 && $0.crop.allSatisfy { (0...1).contains($0) } })
        // The "-" is still flat: its middle rows hold most of the ink.
        let minus = crops[1].crop
        let middle = (12..<20).reduce(Float(0)) { total, y in total + (0..<32).reduce(0) { $0 + minus[y * 32 + $1] } }
        XCTAssertGreaterThan(middle, 0.8 * minus.reduce(0, +))
    }

    func testCropCacheRoundTripAndStaleCache() throws {
        let crops = try Fixtures.crohmeCrops()
        XCTAssertEqual(crops.count, 360)
        XCTAssertEqual(crops.classCounts, [Int](repeating: 20, count: 18))
        let again = try LabeledCrops(cacheBytes: crops.encoded())
        XCTAssertEqual(again, crops)
        XCTAssertThrowsError(try LabeledCrops(cacheBytes: Array(crops.encoded().dropLast(5)))) { error in
            XCTAssertEqual(error as? ClassificationError, .staleCache)
        }
    }

    /// Crops join by class name: the same classes in bulk, others relabelled, unknown ones left out.
    func testAppendingCropsRelabelsByClassName() {
        func crop(_ value: Float) -> [Float] { [Float](repeating: value, count: LabeledCrops.cropSize) }
        var other = LabeledCrops(classNames: ["b", "z", "a"])
        other.append(crop: crop(1), label: "a")
        other.append(crop: crop(2), label: "z")
        other.append(crop: crop(3), label: "b")

        var same = LabeledCrops(classNames: ["b", "z", "a"])
        same.append(contentsOf: other)
        XCTAssertEqual(same, other)

        var mine = LabeledCrops(classNames: ["a", "b"])
        mine.append(crop: crop(9), label: "b")
        mine.append(contentsOf: other)
        XCTAssertEqual(mine.labels, [1, 0, 1])
        XCTAssertEqual([0, 1, 2].map { mine.crop(at: $0)[0] }, [9, 1, 3])
        XCTAssertEqual(mine.values.count, 3 * LabeledCrops.cropSize)
    }

    func testAugmentationIsSeededAndKeepsTheSymbol() throws {
        let crop = try Fixtures.crohmeCrops().crop(at: 0)
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        let augmentation = Augmentation()
        let first = augmentation.apply(crop, rng: &a)
        XCTAssertEqual(first, augmentation.apply(crop, rng: &b))
        XCTAssertNotEqual(first, augmentation.apply(crop, rng: &c))
        XCTAssertNotEqual(first, crop)
        XCTAssertEqual(first.count, crop.count)
        // Mild changes: the ink total stays within a factor of two.
        let ink = crop.reduce(0, +), augmentedInk = first.reduce(0, +)
        XCTAssertGreaterThan(augmentedInk, ink / 2)
        XCTAssertLessThan(augmentedInk, ink * 2)
    }

    func testAugmentationWithNoChangesIsIdentity() throws {
        let crop = try Fixtures.crohmeCrops().crop(at: 3)
        var none = Augmentation()
        none.maxRotationDegrees = 0; none.maxZoom = 0; none.maxShift = 0
        none.elasticProbability = 0; none.strokeProbability = 0
        var rng = SeededGenerator(seed: 1)
        let output = none.apply(crop, rng: &rng)
        for (x, y) in zip(output, crop) { XCTAssertEqual(x, y, accuracy: 1e-5) }
    }

    /// The listing a source's cache key is made of: every regular file below the folder,
    /// sorted, with its size; links to files count, linked folders are not entered.
    func testSourceFileListingFindsNestedFilesAndTheirSizes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("b/deeper"), withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: root) }
        try Data(count: 3).write(to: root.appendingPathComponent("z.inkml"))
        try Data(count: 5).write(to: root.appendingPathComponent("b/deeper/a.png"))
        try Data(count: 7).write(to: root.appendingPathComponent("elsewhere/x.png"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("b/link.png").path,
                                       withDestinationPath: root.appendingPathComponent("z.inkml").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("b/linked-folder").path,
                                       withDestinationPath: root.appendingPathComponent("elsewhere").path)
        let (paths, size) = LabeledDataLoader.files(under: root)
        XCTAssertEqual(paths, ["b/deeper/a.png", "b/link.png", "elsewhere/x.png", "z.inkml"])
        XCTAssertEqual(size, 3 + 5 + 7 + 3)
        XCTAssertEqual(LabeledDataLoader.files(under: root.appendingPathComponent("missing")).0, [])
    }
}
