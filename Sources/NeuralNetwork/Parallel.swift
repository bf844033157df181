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
    /// concurrently. Which samples a part gets depends only on `count`.
    public static func forEachRange(of count: Int, _ body: (Int, Range<Int>) -> Void) {
        let parts = self.parts
        let chunk = (count + parts - 1) / parts
        guard count > 1 else {
            body(0, 0..<count)
            return
        }
        if runsInline {
            for part in 0..<parts {
                let start = min(count, part * chunk), end = min(count, start + chunk)
                if start < end { body(part, start..<end) }
            }
            return
        }
        // Workers write disjoint sample ranges of the caller's buffers; the caller waits for all.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = min(count, part * chunk), end = min(count, start + chunk)
            if start < end { body(part, start..<end) }
        }
    }

    /// A new array of `samples × valuesPerSample` values, made concurrently: `fill(buffer, range)`
    /// is called once per part and must set every value of `range` (its samples' values).
    /// Nothing is written twice and no copy or zero-filling runs on one core beforehand.
    public static func array(samples: Int, valuesPerSample: Int,
                             _ fill: (UnsafeMutableBufferPointer<Float>, Range<Int>) -> Void) -> [Float] {
        var array = [Float](unset: samples * valuesPerSample)
        array.withUnsafeMutableBufferPointer { buffer in
            forEachRange(of: samples) { _, samples in
                fill(buffer, (samples.lowerBound * valuesPerSample)..<(samples.upperBound * valuesPerSample))
            }
        }
        return array
    }
}
