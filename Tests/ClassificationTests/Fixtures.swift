@testable import Training
import Foundation
@testable import Classification

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/classification")

    /// An InkML file of Tests/Fixtures/inkml.
    static func inkML(_ name: String) throws -> String {
        try String(contentsOf: folder.deletingLastPathComponent().appendingPathComponent("inkml").appendingPathComponent(name), encoding: .utf8)
    }

    /// 360 CROHME crops, 20 per class (see Tests/Fixtures/classification/README.md).
    static func crohmeCrops() throws -> LabeledCrops {
        try LabeledCrops(cacheBytes: [UInt8](Data(contentsOf: folder.appendingPathComponent("crohme-crops.bin"))))
    }

    /// The fixture split per class: the first `trainingPerClass` crops of each class for
    /// training, the rest for testing.
    static func split(_ crops: LabeledCrops, trainingPerClass: Int) -> (training: LabeledCrops, test: LabeledCrops) {
        var training = LabeledCrops(classNames: crops.classNames), test = training
        var seen = [Int](repeating: 0, count: crops.classNames.count)
        for i in 0..<crops.count {
            let label = crops.labels[i]
            if seen[label] < trainingPerClass {
                training.append(crop: crops.crop(at: i), label: crops.classNames[label])
            } else {
                test.append(crop: crops.crop(at: i), label: crops.classNames[label])
            }
            seen[label] += 1
        }
        return (training, test)
    }
}
