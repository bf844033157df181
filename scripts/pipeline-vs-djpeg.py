#!/usr/bin/env python3
"""Times one `mathscan recognize` process on some JPEGs against `djpeg -grayscale` on the same
files (one djpeg process per file, output discarded), in the same run.

The two take turns round after round, so load from other processes affects both alike; the
medians of wall time and of CPU time (user + system) are reported with their ratios. On a
shared machine the CPU-time ratio is the steadier one.

    python3 scripts/pipeline-vs-djpeg.py [--rounds N] [--mathscan PATH] PHOTO.jpg...
"""

import argparse
import os
import statistics
import subprocess
import time


def timed(commands):
    """Wall and CPU seconds of running `commands` one after the other."""
    start_wall = time.perf_counter()
    before = os.times()
    for command in commands:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - start_wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--mathscan", default=".build/release/mathscan")
    args = parser.parse_args()

    mathscan = [[args.mathscan, "recognize", *args.files]]
    djpeg = [["djpeg", "-grayscale", "-outfile", os.devnull, f] for f in args.files]
    results = {"mathscan": [], "djpeg": []}
    for round_ in range(args.rounds):
        # Alternate which goes first, so neither always follows the other.
        order = [("mathscan", mathscan), ("djpeg", djpeg)]
        for name, commands in order if round_ % 2 == 0 else reversed(order):
            results[name].append(timed(commands))

    def median(name, index):
        return statistics.median(r[index] for r in results[name])

    print(f"{len(args.files)} files, median of {args.rounds} rounds")
    for name in ("mathscan", "djpeg"):
        print(f"{name:9s} wall {median(name, 0) * 1000:8.1f} ms   cpu {median(name, 1) * 1000:8.1f} ms")
    ratios = [m[1] / d[1] for m, d in zip(results["mathscan"], results["djpeg"]) if d[1] > 0]
    print(f"ratio     wall {median('mathscan', 0) / median('djpeg', 0):6.2f}×     "
          f"cpu {median('mathscan', 1) / median('djpeg', 1):6.2f}× "
          f"(per-round cpu ratios {min(ratios):.2f}–{max(ratios):.2f})")


if __name__ == "__main__":
    main()
