import Foundation
import ImageDecoding
import XCTest

/// `mathscan lab` from the command line, on a tiny ImageFolder written by the test.
final class LabCommandTests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// 30 drawings each of 1, − and + (strokes of varying place and thickness), as PNG files.
    private func imageFolder(in root: URL) throws -> URL {
        let folder = root.appendingPathComponent("symbols")
        for (name, vertical, horizontal) in [("one", true, false), ("minus", false, true), ("plus", true, true)] {
            let classFolder = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
            for index in 0..<30 {
                var image = GrayImage(width: 40, height: 40)
                let offset = index % 5 - 2, thickness = 2 + index % 3
                for a in 8..<32 {
                    for t in 0..<thickness {
                        if vertical { image[20 + offset + t, a] = 0 }
                        if horizontal { image[a, 20 - offset + t] = 0 }
                    }
                }
                try Data(try ImageEncoder.png(image)).write(to: classFolder.appendingPathComponent("\(name)-\(index).png"))
            }
        }
        return folder
    }

    func testQuickBaselinesOnAnImageFolderWriteResults() throws {
        let root = try temporaryFolder()
        let data = try imageFolder(in: root)
        let out = root.appendingPathComponent("lab")
        let outcome = try MathscanProcess.run(["lab", "baselines", "--quick", "--data", data.path, "--out", out.path,
                                              "--cache", root.appendingPathComponent("cache").path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("baselines.json"))) as? [String: Any])
        let models = try XCTUnwrap(json["models"] as? [[String: Any]])
        XCTAssertEqual(models.compactMap { $0["architecture"] as? String }, ["logistic", "mlp", "seed000", "mscnn"])
        for model in models {
            let selection = try XCTUnwrap(model["selection"] as? [String: Any])
            let accuracy = try XCTUnwrap(selection["accuracy"] as? Double)
            XCTAssertTrue((0...1).contains(accuracy))
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("baselines.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| mscnn |"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("baselines-mlp-confusion.svg").path))
    }

    func testBadInputIsAClearError() throws {
        let root = try temporaryFolder()
        let missing = try MathscanProcess.run(["lab", "dataset", "--data", root.appendingPathComponent("nowhere").path,
                                              "--out", root.path, "--cache", root.path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nowhere"), missing.stderr)
        let unknown = try MathscanProcess.run(["lab", "notebooks", "--data", root.path, "--out", root.path])
        XCTAssertEqual(unknown.status, 2)
        let noData = try MathscanProcess.run(["lab", "all", "--out", root.path])
        XCTAssertEqual(noData.status, 2)
    }
}
