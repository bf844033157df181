import CBLAS
import Foundation

/// Splits per-sample work between a few threads. Each thread calls BLAS on its own, so
/// OpenBLAS's own threading is switched off (its spinning threads only steal time from ours).
enum Parallel {
    static let workers: Int = {
        openblas_set_num_threads(1)
        return min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// Calls `body(worker, range)` for contiguous ranges covering `0..<count`, one per worker,
    /// concurrently. Which samples a worker gets depends only on `count`.
    static func forEachRange(of count: Int, _ body: (Int, Range<Int>) -> Void) {
        let workers = self.workers
        let chunk = (count + workers - 1) / max(workers, 1)
        guard workers > 1, count > 1 else {
            body(0, 0..<count)
            return
        }
        // Workers write disjoint sample ranges of the caller's buffers; the caller waits for all.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = min(count, worker * chunk), end = min(count, start + chunk)
            if start < end { body(worker, start..<end) }
        }
    }
}
