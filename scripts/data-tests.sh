#!/usr/bin/env bash
# Re-runs the data-driven tests (packs, peers, corpus) against the rules/ directory as it
# is on disk, without rebuilding: the test binaries read $CROSSCHECK_RULES at run time.
# Build them once first: cargo test --no-run
# Usage: scripts/data-tests.sh [packs|peers|corpus ...] [-- test-binary args]
set -euo pipefail
cd "$(dirname "$0")/.."
suites=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do suites+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#suites[@]} -eq 0 ] && suites=(packs peers corpus)
export CROSSCHECK_RULES="${CROSSCHECK_RULES:-$PWD/rules}"
for s in "${suites[@]}"; do
  bin=$(ls -t target/debug/deps/"$s"-* 2>/dev/null | grep -v '\.d$' | head -n 1 || true)
  if [ -z "$bin" ]; then echo "no test binary for $s: run cargo test --no-run" >&2; exit 2; fi
  echo "== $s ($bin)"
  "$bin" --nocapture --test-threads 1 "$@" || true
done
