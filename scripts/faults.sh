#!/usr/bin/env bash
# Injects save faults (disk full on a tiny tmpfs, failed fsync and rename via strace, read-only folder and file) and runs two writers at once; checks each time that the old sidecar is intact, the message is clear, and a retry succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
gloss=$PWD/target/debug/gloss
command -v strace >/dev/null || { apt-get update -qq && apt-get install -y -qq strace >/dev/null; }
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "pass: $*"; }

# A library with one note; prints its folder.
setup() {
    local dir=$1
    printf 'Harbour Report\n\nThe pilots met at dawn. The cranes kept turning. The tide came in early.\n' > "$dir/a.txt"
    (cd "$dir" && "$gloss" annotations add a.txt --quote "pilots met" --note "first" >/dev/null 2>&1)
    cp "$dir/annotations/a.txt.toml" "$dir/old.toml"
}

# Runs a failing save ($@ before gloss), then checks message, old file, no temporaries, retry.
expect_failed_save() {
    local name=$1 dir=$2 want=$3; shift 3
    local err
    err=$(cd "$dir" && "$@" "$gloss" annotations add a.txt --quote "cranes kept" --note "second $(head -c 3000 /dev/zero | tr '\0' x)" 2>&1 >/dev/null) && fail "$name: the save succeeded"
    grep -q "a.txt.toml" <<<"$err" || fail "$name: the message does not name the sidecar: $err"
    grep -qi "$want" <<<"$err" || fail "$name: the message does not say '$want': $err"
    cmp -s "$dir/old.toml" "$dir/annotations/a.txt.toml" || fail "$name: the previous sidecar changed"
    [ -z "$(find "$dir/annotations" -name '.gloss-tmp*')" ] || fail "$name: a temporary file was left"
    pass "$name: \"$(tail -1 <<<"$err")\"; previous sidecar intact, no temporaries"
}

retry_works() {
    local name=$1 dir=$2
    (cd "$dir" && "$gloss" annotations add a.txt --quote "cranes kept" --note "second" >/dev/null 2>&1) || fail "$name: the retry failed"
    [ "$(cd "$dir" && "$gloss" annotations list a.txt --json | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["annotations"]))')" = 2 ] || fail "$name: the retry lost a note"
    pass "$name: the retry saved both notes"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. fsync fails (EIO) and rename fails (EACCES): injected with strace.
for fault in "fsync:error=EIO:Input/output error" "rename:error=EACCES:Permission denied"; do
    call=${fault%%:*}; rest=${fault#*:}; inject=${rest%%:*}; want=${rest#*:}
    dir=$work/$call; mkdir -p "$dir"; setup "$dir"
    expect_failed_save "$call fails" "$dir" "$want" strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:$inject"
    retry_works "$call fails" "$dir"
done

# 2. Disk full: a 256 KiB tmpfs in a user and mount namespace, filled up.
dir=$work/full; mkdir -p "$dir"
if unshare -rm true 2>/dev/null; then
    unshare -rm bash -c "
        set -e
        mount -t tmpfs -o size=256k tmpfs '$dir'
        $(declare -f setup expect_failed_save fail pass); gloss='$gloss'
        setup '$dir'
        dd if=/dev/zero of='$dir/fill' bs=4k 2>/dev/null || true
        expect_failed_save 'disk full' '$dir' 'No space left on device' env
        rm '$dir/fill'
        $(declare -f retry_works); retry_works 'disk full' '$dir'
    "
else
    echo "blocked: unshare -rm is not allowed here (no user namespaces)"
fi

# 3. Read-only folder (a read-only bind mount: root ignores permission bits) and read-only file (chmod a-w).
dir=$work/ro-folder; mkdir -p "$dir"; setup "$dir"
unshare -rm bash -c "
    set -e
    mount --bind '$dir/annotations' '$dir/annotations' && mount -o remount,ro,bind '$dir/annotations'
    $(declare -f expect_failed_save fail pass); gloss='$gloss'
    expect_failed_save 'read-only folder' '$dir' 'Read-only file system' env
"
retry_works "read-only folder (writable again)" "$dir"
dir=$work/ro-file; mkdir -p "$dir"; setup "$dir"
chmod a-w "$dir/annotations/a.txt.toml"
expect_failed_save "read-only file" "$dir" "the file is read-only" env
chmod u+w "$dir/annotations/a.txt.toml"
retry_works "read-only file (writable again)" "$dir"

# 4. Two writers at once, each adding 40 notes: every note survives.
dir=$work/two; mkdir -p "$dir"
python3 -c "print('Harbour Report\n\n' + ' '.join(f'word{i}' for i in range(400)))" > "$dir/a.txt"
writer() { for i in $(seq "$1" 2 "$2"); do (cd "$dir" && "$gloss" annotations add a.txt --quote "word$i " --note "from $1" >/dev/null 2>&1) || echo "add $i failed"; done; }
writer 0 79 & writer 1 79 & wait
count=$(cd "$dir" && "$gloss" annotations list a.txt --json | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["annotations"]))')
[ "$count" = 80 ] || fail "two writers: $count of 80 notes survived"
pass "two writers: all 80 notes survived"
