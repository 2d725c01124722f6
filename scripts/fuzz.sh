#!/usr/bin/env bash
# Runs each cargo-fuzz target (document, speakers, sidecar) for SECONDS (default 600) in turn, seeded from the test fixtures, and prints executions and crashes per target.
set -euo pipefail
seconds=${1:-600}
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1  # cargo-fuzz needs nightly flags; the stable compiler accepts them with this.
cargo fuzz build -O
mkdir -p corpus/document corpus/speakers corpus/sidecar logs
cp -n ../tests/fixtures/encoding/* ../tests/fixtures/speakers/*.txt ../tests/fixtures/hostile/*.txt corpus/document/ 2>/dev/null || true
cp -n ../tests/fixtures/speakers/*.txt ../tests/fixtures/speakers-holdout/*.txt corpus/speakers/ 2>/dev/null || true
cp -n ../annotations/*.toml ../tests/fixtures/sidecars/*/*.toml corpus/sidecar/ 2>/dev/null || true
for target in ${TARGETS:-document speakers sidecar}; do
    log=logs/$target.log
    # -fork=1 keeps fuzzing past a crash, so one run reports every distinct crash.
    cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -fork=1 -ignore_crashes=1 -rss_limit_mb=2048 >"$log" 2>&1 || true
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+|#[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
    echo "$target: ${seconds}s, ${execs:-?} executions, $crashes crash inputs in fuzz/artifacts/$target"
done
