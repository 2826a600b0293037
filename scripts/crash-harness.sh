#!/usr/bin/env bash
# Crash and power-cut evidence for the store (issue 12): a child process applies score edits
# through jauge-api on a 10 × 60 × 5 evaluation and prints each acknowledged edit.
#  - kill:     the child is killed with SIGKILL at a random moment;
#  - snapshot: the child is frozen (SIGSTOP) at a random moment, the database files (main, -wal,
#              -shm) are copied as a power cut would leave them, and the copy is checked.
# Then every acknowledged edit must be in the store, PRAGMA integrity_check must say ok and the
# journal must verify (crates/api/examples/crash_child.rs). Not a CI test: it takes minutes.
# Usage: scripts/crash-harness.sh [RUNS] (default 100 of each variant). Prints a summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-100}"
cargo build --release -q -p jauge-api --example crash_child
CHILD="$PWD/target/release/examples/crash_child"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

random_delay() { # 50 to 800 ms, as seconds
  printf '0.%03d' $((50 + RANDOM % 750))
}

survived=0; failed=0; acked_total=0
for run in $(seq 1 "$RUNS"); do
  dir="$WORK/kill-$run"; mkdir -p "$dir"
  "$CHILD" edit "$dir/jauge.sqlite3" >"$dir/acks" 2>"$dir/err" &
  pid=$!
  sleep "$(random_delay)"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  acked_total=$((acked_total + $(grep -c '^ack ' "$dir/acks" || true)))
  if "$CHILD" check "$dir/jauge.sqlite3" "$dir/acks" >"$dir/check" 2>&1; then
    survived=$((survived + 1))
  else
    failed=$((failed + 1)); echo "kill run $run failed:"; cat "$dir/check"
  fi
  rm -rf "$dir"
done
echo "kill: $survived/$RUNS runs survived, $failed failed, $acked_total acknowledged edits checked"

survived=0; failed=0; acked_total=0
for run in $(seq 1 "$RUNS"); do
  dir="$WORK/cut-$run"; mkdir -p "$dir/snapshot"
  "$CHILD" edit "$dir/jauge.sqlite3" >"$dir/acks" 2>"$dir/err" &
  pid=$!
  sleep "$(random_delay)"
  kill -STOP "$pid"
  # What was acknowledged before the cut: read before copying, so nothing later counts.
  cp "$dir/acks" "$dir/snapshot/acks"
  for suffix in "" -wal -shm; do
    [ -e "$dir/jauge.sqlite3$suffix" ] && cp "$dir/jauge.sqlite3$suffix" "$dir/snapshot/"
  done
  kill -KILL "$pid"; kill -CONT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  acked_total=$((acked_total + $(grep -c '^ack ' "$dir/snapshot/acks" || true)))
  if "$CHILD" check "$dir/snapshot/jauge.sqlite3" "$dir/snapshot/acks" >"$dir/check" 2>&1; then
    survived=$((survived + 1))
  else
    failed=$((failed + 1)); echo "snapshot run $run failed:"; cat "$dir/check"
  fi
  rm -rf "$dir"
done
echo "snapshot: $survived/$RUNS runs survived, $failed failed, $acked_total acknowledged edits checked"
