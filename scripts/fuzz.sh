#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
# Targets: FuzzImageDecoding FuzzInkML FuzzGrammar FuzzModelFile FuzzRecognizer.
# The corpus starts from the test fixtures (seeds are copied, never modified); crashes are
# written to Fuzz/crashes/TARGET/ and belong, once fixed, under Tests/Fixtures/corrupt/.
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/Fuzz"
swift build -c release --product "$target" --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld >&2
bin=$(swift build -c release --scratch-path .build-fuzz --show-bin-path)

corpus="$root/Fuzz/corpus/$target"
mkdir -p "$corpus" "$root/Fuzz/crashes/$target"
seeds() {
    case "$target" in
        FuzzImageDecoding|FuzzRecognizer)
            find "$root/Tests/Fixtures" "$root/samples" -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' \) -size -200k ;;
        FuzzInkML) find "$root/Tests/Fixtures" -type f -name '*.inkml' ;;
        FuzzGrammar) find "$root/grammars/" -type f -name '*.grammar' ;;
        FuzzModelFile) echo "$root/Sources/MathscanKit/Resources/default.msmodel" ;;
    esac
}
seeds | while read -r file; do cp -n "$file" "$corpus/" 2>/dev/null || true; done

exec "$bin/$target" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$root/Fuzz/crashes/$target/" -print_final_stats=1 "$@"
