#!/usr/bin/env bash
# Synthesizes every cdk8s app under examples/ with the real cdk8s CLI, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
count=0
for dir in examples/*/; do
  [ -f "$dir/cdk8s.yaml" ] || continue
  echo "synth ${dir%/}"
  (cd "$dir" && npx --no-install cdk8s synth --no-check-upgrade)
  count=$((count + 1))
done
echo "synthesized $count example apps"
