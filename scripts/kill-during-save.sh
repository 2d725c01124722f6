#!/usr/bin/env bash
# Kills `gloss annotations add` at random moments N times (default 1000) and checks the sidecar is always the old or the new version.
set -euo pipefail
runs=${1:-1000}
cd "$(dirname "$0")/.."
cargo build --release --quiet
gloss=$PWD/target/release/gloss
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -c "print('Long Article\n\n' + ' '.join(f'word{i}' for i in range(20000)))" > long.txt
for i in $(seq 0 199); do "$gloss" annotations add long.txt --quote "word$((i*50)) word$((i*50+1))" --note "$(printf 'n%.0s' $(seq 1 200))" >/dev/null 2>&1; done
killed=0
for i in $(seq 1 "$runs"); do
    before=$(cat annotations/long.txt.toml)
    count_before=$("$gloss" annotations list long.txt --json | python3 -c "import json,sys;print(len(json.load(sys.stdin)['annotations']))")
    "$gloss" annotations add long.txt --quote "word$((12000+i)) word$((12001+i))" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 40))"
    kill -9 "$pid" 2>/dev/null && killed=$((killed+1)) || true
    wait "$pid" 2>/dev/null || true
    after=$(cat annotations/long.txt.toml)
    count_after=$("$gloss" annotations list long.txt --json | python3 -c "import json,sys;print(len(json.load(sys.stdin)['annotations']))") || { echo "run $i: the sidecar does not parse"; exit 1; }
    if [ "$after" != "$before" ] && [ "$count_after" != "$((count_before+1))" ]; then
        echo "run $i: neither the old nor the new version ($count_before -> $count_after)"; exit 1
    fi
done
"$gloss" check >/dev/null || true
leftovers=$(find annotations -name '.gloss-tmp*' | wc -l)
echo "$runs runs, $killed killed mid-run, sidecar always old or new, $leftovers temporary files left after the next start"
