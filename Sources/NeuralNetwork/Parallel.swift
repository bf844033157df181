import CBLAS
import Foundation

/// Splits per-sample work into a fixed number of parts run concurrently. Each part calls BLAS on
/// its own, so OpenBLAS's own threading is switched off (its spinning threads only steal time
/// from ours). The number of parts is fixed, not the machine's core count, because gradients are
/// summed per part: a fixed split makes training give the same weights on any machine.
public enum Parallel {
    public static let parts: Int = {
        openblas_set_num_threads(1)
        // OpenBLAS starts its worker threads when it is loaded, and each spins (sched_yield)
        // for about 0.1 s before it sleeps: a core's worth of CPU taken from a short process.
        // They never get work here, so they are stopped.
        _ = blas_thread_shutdown_()
        return 4
    }()

    /// True on a thread that is already one of several workers (files of a batch recognised
    /// at once): the parts then run one after the other on that thread. They are the same parts
    /// over the same ranges, so results are identical; only the threads differ. Set it with
    /// `Parallel.$runsInline.withValue(true) { ... }`.
    @TaskLocal public static var runsInline = false

    /// Calls `body(part, range)` for contiguous ranges covering `0..<count`, one per part,
    /// concurrently. Which samples a part gets depends only on `count`: for work whose result
    /// depends on the split (sums kept per part).
    public static func forEachRange(of count: Int, _ body: (Int, Range<Int>) -> Void) {
        split(count, into: parts, body)
    }

    /// Ranges per call for work whose values do not depend on the split (each sample, weight or
    /// channel on its own). More and smaller than `parts`: while one core also prepares the
    /// next batch, the other takes more ranges instead of waiting at the end for a quarter.
    public static let chunks = 16

    /// Calls `body(chunk, range)` for up to `chunks` contiguous ranges covering `0..<count`,
    /// concurrently; each value must not depend on how `0..<count` is split.
    public static func forEachChunk(of count: Int, _ body: (Int, Range<Int>) -> Void) {
        split(count, into: chunks, body)
    }

    private static func split(_ count: Int, into pieces: Int, _ body: (Int, Range<Int>) -> Void) {
        _ = parts  // switches OpenBLAS's own threads off before any range calls it
        let chunk = (count + pieces - 1) / pieces
        guard count > 1 else {
            body(0, 0..<count)
            return
        }
        if runsInline {
            for piece in 0..<pieces {
                let start = min(count, piece * chunk), end = min(count, start + chunk)
                if start < end { body(piece, start..<end) }
            }
            return
        }
        // Workers write disjoint ranges of the caller's buffers; the caller waits for all.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = min(count, piece * chunk), end = min(count, start + chunk)
            if start < end { body(piece, start..<end) }
        }
    }

    /// A new array of `samples × valuesPerSample` values, made concurrently: `fill(buffer, range)`
    /// is called once per part and must set every value of `range` (its samples' values).
    /// Nothing is written twice and no copy or zero-filling runs on one core beforehand.
    public static func array(samples: Int, valuesPerSample: Int,
                             _ fill: (UnsafeMutableBufferPointer<Float>, Range<Int>) -> Void) -> [Float] {
        var array = [Float](unset: samples * valuesPerSample)
        array.withUnsafeMutableBufferPointer { buffer in
            forEachChunk(of: samples) { _, samples in
                fill(buffer, (samples.lowerBound * valuesPerSample)..<(samples.upperBound * valuesPerSample))
            }
        }
        return array
    }
}
