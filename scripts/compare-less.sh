#!/usr/bin/env bash
# Purpose: open the same big file in gloss and in less inside tmux and report, side by side, the time to the first screen, to the last line after `G`, and to the middle after `50%`.
#
# Usage: [GLOSS_BIN=path/to/gloss] scripts/compare-less.sh [FILE] [RUNS]
# Without FILE, a deterministic 100 MB transcript is generated first
# (examples/generate.rs). Needs tmux, less and a release build of gloss.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${2:-5}
file=${1:-}
if [[ -z "$file" ]]; then
    file=${TMPDIR:-/tmp}/gloss-compare-100mb.txt
    if [[ ! -f "$file" ]]; then
        cargo run --quiet --release --example generate -- transcript 100 "$file"
    fi
fi
# GLOSS_BIN: a gloss already built (the release profile's LTO takes minutes).
gloss=${GLOSS_BIN:-}
if [[ -z "$gloss" ]]; then
    cargo build --quiet --release
    gloss=$PWD/target/release/gloss
fi
state=$(mktemp -d)
socket=gloss-compare-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$state"' EXIT

# Text that shows the first screen, and the file's last line (as less shows it).
# Taken past the first line: gloss's library pane lists the title before the
# text shows, and `G` typed then would go to the library.
first_marker=$(head -c 4096 "$file" | sed 1d | grep -m1 -o '[[:lower:]][[:lower:] ]\{16,\}' | head -1 | cut -c1-16)
# The end of the file: less says (END); gloss's status bar says 100% as soon
# as the end shows, indexed or not (READER, or INDEXING while the rest loads).
end_marker() { if [[ $1 == gloss ]]; then echo "$(basename "$file") · 100%"; else echo "(END)"; fi; }
# Halfway: both status lines say 50% (less with -m).
half_marker() { if [[ $1 == gloss ]]; then echo "$(basename "$file") · 50%"; else echo "50%"; fi; }

now_ms() { date +%s%3N; }

# Waits until the pane shows $1; prints the milliseconds since $2.
wait_for() {
    local text=$1 since=$2
    for _ in $(seq 1 6000); do
        local screen
        screen=$(tmux -L "$socket" capture-pane -p -t 0 2>/dev/null) || { echo "no-terminal"; return 0; }
        if tr -s ' \n' ' ' <<<"$screen" | grep -qF -- "$text"; then
            echo $(( $(now_ms) - since ))
            return 0
        fi
        sleep 0.005
    done
    echo "timeout"
}

measure() {
    local name=$1; shift
    tmux -L "$socket" kill-server 2>/dev/null || true
    tmux -L "$socket" -f /dev/null new-session -d -x 160 -y 48 \
        "env GLOSS_STATE_DIR='$state' HOME='$state' LESS= PS1='$ ' sh"
    wait_for '$' "$(now_ms)" >/dev/null
    local start
    start=$(now_ms)
    tmux -L "$socket" send-keys -t 0 "$*" Enter
    local first
    first=$(wait_for "$first_marker" "$start")
    start=$(now_ms)
    tmux -L "$socket" send-keys -t 0 G
    local last
    last=$(wait_for "$(end_marker "$name")" "$start")
    tmux -L "$socket" send-keys -t 0 5 0
    sleep 0.1
    start=$(now_ms)
    tmux -L "$socket" send-keys -t 0 %
    local half
    half=$(wait_for "$(half_marker "$name")" "$start")
    tmux -L "$socket" send-keys -t 0 q
    tmux -L "$socket" kill-server 2>/dev/null || true
    echo "$name $first $last $half"
}

echo "file: $file ($(( $(stat -c %s "$file") / 1048576 )) MB), $runs runs each"
results=()
for run in $(seq 1 "$runs"); do
    rm -rf "${state:?}"/*
    results+=("$(measure gloss "$gloss" "$file")")
    results+=("$(measure less less -m "$file")")
done

summarise() {
    # median and range of a column for one program
    local name=$1 column=$2
    printf '%s\n' "${results[@]}" | awk -v n="$name" -v c="$column" '$1 == n { print $c }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s ms (%s–%s)", m, v[1], v[NR] }'
}

printf '\n%-8s %-28s %-28s %-28s\n' program "first screen (median, range)" "last line after G" "halfway after 50%"
for name in gloss less; do
    printf '%-8s %-28s %-28s %-28s\n' "$name" "$(summarise "$name" 2)" "$(summarise "$name" 3)" "$(summarise "$name" 4)"
done
