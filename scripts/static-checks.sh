#!/usr/bin/env bash
# The static checks of `npm test` — type-check, lint, format check — run side by side: each is
# mostly one core, and tsc and ESLint spend most of their time building the TypeScript program.
# Each check's output is held back and printed whole, in a fixed order; the script fails when any
# check fails and names it.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

names=(typecheck lint format:check)
pids=()
for name in "${names[@]}"; do
  npm run --silent "$name" >"$out/$name.log" 2>&1 &
  pids+=("$!")
done

failed=()
for i in "${!names[@]}"; do
  name="${names[$i]}"
  if wait "${pids[$i]}"; then status=ok; else status=FAILED; failed+=("$name"); fi
  echo "── npm run $name: $status"
  cat "$out/$name.log"
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "static checks failed: ${failed[*]}" >&2
  exit 1
fi
