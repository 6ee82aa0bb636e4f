#!/usr/bin/env bash
# Regenerates the inputs of src/checks/schema/job-schema.json from Kubernetes itself, through the Go module proxy:
#   out/1.NN.json        every Job/CronJob field and type in k8s.io/api at each line (go.1.NN.mod);
#   out/gates-1.NN.json  the versioned feature-gate table of k8s.io/kubernetes at each oracle line (oracle -gates).
# `npx projen schema` runs this, then scripts/generate-job-schema.ts merges them.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out ../.bin
for modfile in go.1.*.mod; do
  line=${modfile#go.}; line=${line%.mod}
  [ -f "${modfile%.mod}.sum" ] || touch "${modfile%.mod}.sum"
  go mod tidy -modfile="$modfile" >/dev/null
  SCHEMAGEN_MODFILE="$modfile" go run -modfile="$modfile" . > "out/$line.json"
  echo "fields of $line from $(grep -o 'k8s.io/api v[0-9.]*' "$modfile")"
done
(cd ../oracle && go build -o ../.bin/oracle-1.34 . && go build -tags k8s137 -modfile=go.1.37.mod -o ../.bin/oracle-1.37 .)
../.bin/oracle-1.34 -gates > out/gates-1.34.json
../.bin/oracle-1.37 -gates > out/gates-1.37.json
echo "feature gates of 1.34 and 1.37 from k8s.io/kubernetes pkg/features"
