#!/usr/bin/env bash
# npm run bindings: builds the Python, Java and Go packages with jsii-pacmak, then in each language runs the
# indexed-demo example (bindings/<language>/) on the built package, with cdk8s and cdk8s-plus-28 from that language's
# registry, and requires its YAML to be byte-identical to the TypeScript example's. Build products go to .bindings/.
#
# Where a registry here does not serve cdk8s's own bindings (Maven Central: org.cdk8s:cdk8s-plus-28; the Go module
# proxy: github.com/cdk8s-team/cdk8s-core-go and cdk8s-plus-go), they are built the same way, by jsii-pacmak from the
# npm packages the TypeScript app uses, and the script says so. .NET is configured (package.json jsii.targets) but not
# built: no .NET SDK or NuGet here.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
ROOT=$PWD
B=$ROOT/.bindings
rm -rf "$B"
mkdir -p "$B/out"
version() { node -p "require('$1/package.json').version"; }
CDK8S=$(version cdk8s)
PLUS=$(version cdk8s-plus-28)
CONSTRUCTS=$(version constructs)
status=0
same() { # language
  if cmp -s "$B/out/$1/indexed-demo.k8s.yaml" "$B/expected/indexed-demo.k8s.yaml"; then
    echo "bindings: $1 synthesizes indexed-demo byte-identical to TypeScript"
  else
    echo "bindings: $1 differs from TypeScript:"
    diff "$B/expected/indexed-demo.k8s.yaml" "$B/out/$1/indexed-demo.k8s.yaml" || true
    status=1
  fi
}

npx projen compile >/dev/null
echo "bindings: the TypeScript example (cdk8s $CDK8S, cdk8s-plus-28 $PLUS)"
(cd examples/indexed-demo && npx --no-install cdk8s synth --no-check-upgrade --output "$B/expected" >/dev/null)
npx jsii-pacmak -t python -t java -t go --code-only -o "$B/code" >/dev/null

# ---- Python: cdk8s and cdk8s-plus-28 from PyPI
npx jsii-pacmak -t python -o "$B/dist" >/dev/null
python3 -m venv "$B/venv"
"$B/venv/bin/pip" install -q --disable-pip-version-check "$B"/dist/python/*.whl "cdk8s==$CDK8S" "cdk8s-plus-28==$PLUS" "constructs==$CONSTRUCTS"
"$B/venv/bin/python" bindings/python/app.py "$B/out/python"
same python

# ---- Java: cdk8s, constructs and the jsii runtime from Maven Central (cached in .bindings-m2, kept between runs)
M2=$ROOT/.bindings-m2
PLUS_REPO=file:///nonexistent
# asked with an empty local repository, so that nothing built here before can answer for Central
if ! mvn -q -B dependency:get -Dmaven.repo.local="$(mktemp -d)" -Dartifact="org.cdk8s:cdk8s-plus-28:$PLUS" >/dev/null 2>&1; then
  echo "bindings: Maven Central does not serve org.cdk8s:cdk8s-plus-28:$PLUS here; building it with jsii-pacmak from the npm package"
  npx jsii-pacmak node_modules/cdk8s-plus-28 -t java -o "$B/plus" >/dev/null
  mvn -q -B install:install-file -Dmaven.repo.local="$M2" \
    -Dfile="$B/plus/java/org/cdk8s/cdk8s-plus-28/$PLUS/cdk8s-plus-28-$PLUS.jar" -DpomFile="$B/plus/java/org/cdk8s/cdk8s-plus-28/$PLUS/cdk8s-plus-28-$PLUS.pom" >/dev/null
  PLUS_REPO=file://$B/plus/java
fi
npx jsii-pacmak -t java -o "$B/dist" --maven-local-repository "$M2" >/dev/null
(cd bindings/java && mvn -q -B compile exec:java -Dmaven.repo.local="$M2" -Dcdk8s.jobs.repository="file://$B/dist/java" \
  -Dcdk8s.plus.repository="$PLUS_REPO" -Dexec.args="$B/out/java" | grep -v '^!!' || true)
same java

# ---- Go: the module builds from its generated code (go run); cdk8s's modules from the proxy where it serves them
cp -r bindings/go "$B/go-app"
cd "$B/go-app"
go mod edit -replace="github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs=$B/code/go/cdk8sjobs"
for dep in "constructs github.com/aws/constructs-go/constructs/v10 v$CONSTRUCTS constructs" \
           "cdk8s github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v$CDK8S cdk8s" \
           "cdk8s-plus-28 github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v$PLUS cdk8splus28"; do
  set -- $dep
  if ! (cd "$(mktemp -d)" && go mod init probe >/dev/null 2>&1 && go mod download "$2@$3" >/dev/null 2>&1); then
    echo "bindings: the Go module proxy does not serve $2@$3 here; generating it with jsii-pacmak from the npm package"
    (cd "$ROOT" && npx jsii-pacmak "node_modules/$1" -t go --code-only -o "$B/deps/$1" >/dev/null)
    go mod edit -replace="$2=$B/deps/$1/go/$4"
  fi
done
GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1
go run . "$B/out/go" | grep -v '^!!' || true
cd "$ROOT"
same go

exit $status
