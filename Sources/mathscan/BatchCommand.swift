import ArgumentParser
import Foundation
import NeuralNetwork
import Recognition

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Recognize folders of images into a JSON Lines report, on all cores.",
        discussion: """
            Results are appended to the report as they finish, so an interrupted batch loses nothing: \
            run it again with --resume to do only what is missing. --shard I/N (1 ≤ I ≤ N) takes a \
            deterministic share of the inputs, so N machines (e.g. the tasks of a cluster array job) \
            can split one job and concatenate their reports.
            """)

    @Argument(help: "Folders (searched recursively for .png, .jpg, .jpeg, .inkml) or files.")
    var inputs: [String]

    @Option(help: "The JSON Lines report to write (one object per file, as recognize --json).")
    var out: String

    @Option(help: "Files recognised at once, each on one core (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Skip files already in the report and append the rest.")
    var resume = false

    @Option(help: "Take only shard I of N (e.g. 2/8).", transform: Shard.init(parsing:))
    var shard: Shard?

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one folder or file") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !resume, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("\(out) exists: pass --resume to continue it, or remove it first")
        }
    }

    func run() throws {
        var files = try BatchInputs.collect(inputs)
        if let shard { files = files.filter(shard.contains) }
        let report = try BatchReport(path: out, resume: resume)
        let pending = files.filter { !report.alreadyDone.contains($0) }
        let skipped = files.count - pending.count
        if skipped > 0 { StandardError.write("mathscan: \(skipped) files already in \(out), skipped\n") }

        // One recognizer for all workers: inference only reads the network.
        let workers = max(1, min(jobs, pending.count))
        let recognizer = try modelOptions.makeRecognizer()
        let progress = BatchProgress(total: pending.count, enabled: StandardError.isTerminal)
        let queue = WorkQueue(count: pending.count)

        // Each worker recognises its files on its own core: the files, not the layers of
        // the network, are the work split between cores (same results, see `Parallel.runsInline`).
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            Parallel.$runsInline.withValue(true) {
                while let index = queue.next() {
                    let file = pending[index]
                    let line: String
                    var failed = false
                    do {
                        line = ReportLine.json(file: file, page: try recognizer.run(file: file).page)
                    } catch {
                        line = ReportLine.json(file: file, error: "\(error)")
                        failed = true
                    }
                    report.append(line)
                    progress.advance(failed: failed)
                }
            }
        }
        progress.finish()
        let summary = progress.summary
        StandardError.write(
            "mathscan: \(summary.done) files in \(String(format: "%.1f", summary.seconds)) s "
                + "(\(String(format: "%.1f", summary.rate)) files/s), \(summary.failed) failed; report: \(out)\n")
        if let error = report.writeError { throw CommandFailure("cannot write \(out): \(error)") }
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

/// `--shard I/N`: a stable share of the inputs chosen by a hash of each path, so every machine
/// of an array job computes the same split without talking to the others.
struct Shard {
    let index: Int
    let count: Int

    init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
              (1...count).contains(index) else {
            throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/8 (got \(text))")
        }
        self.index = index
        self.count = count
    }

    func contains(_ path: String) -> Bool {
        Int(FNV1a.hash(path.utf8) % UInt64(count)) == index - 1
    }
}

enum BatchInputs {
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "inkml"]

    /// Folders are searched recursively, in sorted order, for files with one of `extensions`;
    /// files named explicitly are kept whatever their extension (the decoder checks their content).
    static func collect(_ inputs: [String], extensions: Set<String> = extensions) throws -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw CommandFailure("\(input): no such file or folder")
            }
            let found = isDirectory.boolValue ? try contents(of: input, extensions: extensions) : [input]
            for file in found where seen.insert(file).inserted { files.append(file) }
        }
        return files
    }

    private static func contents(of folder: String, extensions: Set<String>) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw CommandFailure("\(folder): cannot be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let ext = (relative as NSString).pathExtension.lowercased()
            if extensions.contains(ext) { files.append((folder as NSString).appendingPathComponent(relative)) }
        }
        return files.sorted()
    }
}

/// Hands out input indices to worker threads.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }
}

/// The JSON Lines report, appended one whole line at a time as results arrive.
final class BatchReport: @unchecked Sendable {
    /// Files whose line is already in the report (when resuming).
    let alreadyDone: Set<String>
    private(set) var writeError: String?
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String, resume: Bool) throws {
        var done = Set<String>()
        if resume, let data = FileManager.default.contents(atPath: path) {
            // A line cut short by a crash is dropped, and its file is done again.
            var bytes = [UInt8](data)
            if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
                bytes.removeSubrange((lastNewline + 1)...)
            } else {
                bytes.removeAll()
            }
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                   let file = object["file"] as? String {
                    done.insert(file)
                }
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw CommandFailure("cannot rewrite \(path)")
            }
        } else if !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CommandFailure("cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        handle.seekToEndOfFile()
        self.handle = handle
        self.alreadyDone = done
    }

    func append(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        do { try handle.write(contentsOf: Data((line + "\n").utf8)) } catch { writeError = "\(error)" }
    }
}

/// A progress bar with rate and ETA on stderr, redrawn at most ten times a second.
final class BatchProgress: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var failed = 0
    private var lastDraw = Date.distantPast

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(failed didFail: Bool) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if didFail { failed += 1 }
        if enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total { draw() }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if enabled { StandardError.write("\n") }
    }

    var summary: (done: Int, failed: Int, seconds: Double, rate: Double) {
        lock.lock(); defer { lock.unlock() }
        let seconds = Date().timeIntervalSince(start)
        return (done, failed, seconds, seconds > 0 ? Double(done) / seconds : 0)
    }

    private func draw() {
        lastDraw = Date()
        let seconds = lastDraw.timeIntervalSince(start)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let eta = String(format: "%d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        StandardError.write("\r[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) files/s  ETA \(eta)  \(failed) failed ")
    }
}
