import ArgumentParser
import Foundation
import NeuralNetwork
import Recognition

/// Batch throughput on one worker against several, in one process with one shared recognizer
/// (a benchmark, not a test): rounds alternate which goes first, and the JSON lines of the two
/// must be identical.
struct BatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-batch",
        abstract: "Time batch recognition on 1 worker and on --jobs workers; check both give the same lines.",
        discussion: """
            Each file is read, recognised and turned into its JSON line, as batch does (the report \
            is not written). Figures are medians over --rounds; compare the ratio, which holds on \
            a shared machine better than files/s. CPU is user + system time of the process.
            """)

    @Argument(help: "Folders (searched recursively for .png, .jpg, .jpeg, .inkml) or files.")
    var inputs: [String]

    @Option(help: "Workers to compare with one (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Rounds per worker count; the median is reported.")
    var rounds: Int = 3

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one folder or file") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    }

    func run() throws {
        let files = try BatchInputs.collect(inputs)
        guard !files.isEmpty else { throw CommandFailure("no .png, .jpg, .jpeg or .inkml files in \(inputs.joined(separator: ", "))") }
        let recognizer = try modelOptions.makeRecognizer()
        var times: [Int: [(wall: Double, cpu: Double)]] = [:]
        var lines: [Int: [String]] = [:]
        for round in 0..<rounds {
            for workers in Set([1, jobs]).sorted(by: { round % 2 == 0 ? $0 < $1 : $0 > $1 }) {
                let (result, wall, cpu) = Self.timed(files, workers: workers, recognizer: recognizer)
                times[workers, default: []].append((wall, cpu))
                lines[workers] = result
            }
        }
        let median = { (workers: Int, part: KeyPath<(wall: Double, cpu: Double), Double>) -> Double in
            let sorted = (times[workers] ?? []).map { $0[keyPath: part] }.sorted()
            return sorted[sorted.count / 2]
        }
        print("\(files.count) files, median of \(rounds) rounds")
        for workers in Set([1, jobs]).sorted() {
            let wall = median(workers, \.wall), cpu = median(workers, \.cpu)
            print(String(format: "%2d worker%@  %7.2f s  %7.1f files/s  CPU %7.2f s (%.1f files per CPU-second)",
                         workers, workers == 1 ? " " : "s", wall, Double(files.count) / wall, cpu, Double(files.count) / cpu))
        }
        if jobs > 1 {
            print(String(format: "%d workers ÷ 1: %.2f× the files/s, %.2f× the CPU time",
                         jobs, median(1, \.wall) / median(jobs, \.wall), median(jobs, \.cpu) / median(1, \.cpu)))
        }
        let identical = lines[1] == lines[jobs]
        print("results with \(jobs) workers \(identical ? "identical to" : "DIFFER from") 1 worker")
        if !identical { throw ExitCode(1) }
    }

    /// The JSON lines in input order, the wall time and the process's CPU time.
    private static func timed(_ files: [String], workers: Int, recognizer: Recognizer) -> ([String], Double, Double) {
        let lines = LineSlots(count: files.count)
        let queue = WorkQueue(count: files.count)
        let cpuStart = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        // As batch does: each worker on one core (see `Parallel.runsInline`), so 1 worker is the one-core rate.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            Parallel.$runsInline.withValue(true) {
                while let index = queue.next() {
                    let file = files[index]
                    do {
                        lines.set(index, ReportLine.json(file: file, page: try recognizer.run(file: file).page))
                    } catch {
                        lines.set(index, ReportLine.json(file: file, error: "\(error)"))
                    }
                }
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (lines.values, wall, cpuSeconds() - cpuStart)
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// One result slot per input, filled by worker threads.
private final class LineSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String]

    init(count: Int) { slots = [String](repeating: "", count: count) }

    func set(_ index: Int, _ line: String) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = line
    }

    var values: [String] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
