import ArgumentParser
import Evaluation
import Foundation
import Recognition
import Worksheets

/// Scores real handwriting with known truth, by the reference rules (`ScoreTokens`): reads a
/// manifest in the real-dev format, recognises each page's image and counts the pages read
/// exactly, overall and per tier, kind and writer, with the reading errors by class.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score readings of pages with known truth (a real-dev style manifest): exact pages per tier, kind and writer, and the errors by class.")

    @Option(help: "Truth manifest: tab-separated with a header naming id, repo, tier, kind, truth.")
    var manifest: String

    @Option(help: "Folder of the images, each named <id>.<any extension> (default: images/ beside the manifest).")
    var images: String?

    @Option(help: "Comma-separated tiers to score.")
    var tier = "seed16,paren"

    @Flag(help: "Read each page as a worksheet, problem by problem (its 2-D layout), and also score the ' ; '-separated items of each page in order (worksheet grids).")
    var items = false

    @Flag(help: "Print the summary and every page as one JSON object instead of text.")
    var json = false

    @Flag(help: "List every page with its reading, not only the misses.")
    var show = false

    @OptionGroup var modelOptions: ModelOptions

    var tiers: [String] { tier.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        if tiers.isEmpty { throw ValidationError("--tier needs at least one tier name") }
    }

    func run() throws {
        let rows: [ManifestRow]
        do {
            rows = try TruthManifest.parse(try InputFiles.readText(manifest))
        } catch {
            throw CommandFailure("\(manifest): \(error)")
        }
        let wanted = Set(tiers)
        let chosen = rows.filter { wanted.contains($0.tier) }
        guard !chosen.isEmpty else {
            let present = Set(rows.map(\.tier)).sorted().joined(separator: ", ")
            throw CommandFailure("\(manifest) has no rows of tier \(tiers.joined(separator: ",")) (its tiers: \(present))")
        }
        let manifestFolder = URL(fileURLWithPath: manifest).deletingLastPathComponent()
        let imageFolder = images ?? manifestFolder.appendingPathComponent("images").path
        let imageFiles = try Self.imagesByID(in: imageFolder)
        let recognizer = try modelOptions.makeRecognizer()
        let worksheetReader = WorksheetReader(recognizer: recognizer)

        var pages: [PageScore] = []
        var failures = 0
        // Progress on a terminal is one line, rewritten; a message first clears it.
        let progressing = StandardError.isTerminal
        let clear = progressing ? "\r\u{1B}[K" : ""
        for (number, row) in chosen.enumerated() {
            if progressing { StandardError.write("\(clear)score: \(number + 1)/\(chosen.count) \(row.id)") }
            guard let file = imageFiles[row.id] else {
                failures += 1
                StandardError.write("\(clear)mathscan: \(row.id): no image \(row.id).* in \(imageFolder)\n")
                pages.append(PageScore(row: row, readingLines: [], failure: "no image"))
                continue
            }
            do {
                let readings: [String]
                if items {
                    // Every page of a TIFF or PDF, in order.
                    readings = try DocumentReader.pages(of: InputFiles.read(file), reader: worksheetReader, dpi: 200)
                        .flatMap { try $0.1.get().0.items.map(\.reading.latex) }
                } else {
                    readings = try recognizer.run(file: file).page.lines.map(\.latex)
                }
                pages.append(PageScore(row: row, readingLines: readings))
            } catch {
                failures += 1
                StandardError.write("\(clear)mathscan: \(file): \(error)\n")
                pages.append(PageScore(row: row, readingLines: [], failure: "\(error)"))
            }
        }
        StandardError.write(clear)

        let summary = ScoreSummary(pages: pages, name: manifestFolder.lastPathComponent, tiers: tiers)
        print(json ? summary.json(items: items).serialized() : summary.text(items: items, show: show))
        // The score counts an unread page as a miss; the status still says a file failed.
        if failures > 0 { throw ExitCode(1) }
    }

    /// Each image of the folder under the name before its first dot (`abc-1.png` → `abc-1`),
    /// the first in name order when several share one.
    static func imagesByID(in folder: String) throws -> [String: String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw CommandFailure("cannot list the images folder \(folder): \(error.localizedDescription)")
        }
        var byID: [String: String] = [:]
        for name in names where !name.hasPrefix(".") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            // `<id>.*` as the reference globs it: every dot may end the id.
            for (index, character) in name.enumerated() where character == "." && index > 0 {
                let id = String(name.prefix(index))
                if byID[id] == nil { byID[id] = path }
            }
        }
        return byID
    }
}
