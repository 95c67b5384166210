#!/usr/bin/env bash
# Fails when the committed generated files (dist/, the definition JSON Schema, the generated
# README sections) differ from what a fresh `npm run bundle` just wrote (the check-dist habit of
# actions/typescript-action). Run it after `npm run bundle` or `npm test`, on a clean checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Checking that dist/ and generated files match a fresh build…"
if [ -n "$(git status --porcelain -- dist schema README.md)" ]; then
  echo "dist/, schema/ or README.md differ from a fresh build; run 'npm run bundle' and commit:" >&2
  git status --porcelain -- dist schema README.md >&2
  git diff --stat -- dist schema README.md >&2
  exit 1
fi
echo "dist/ is up to date."
