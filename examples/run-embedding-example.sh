#!/usr/bin/env bash
# Builds and runs the downstream example (examples/embedding/): a plain Maven project that
# imports loupe-bom and depends on the installed loupe-api, loupe-methods and loupe-backend-djl.
#
#   examples/run-embedding-example.sh [OUT_FOLDER]      (default: examples/embedding/target/out)
#
# Steps: (1) install the Loupe artifacts the example needs (parent, bom, core, render, methods,
# backend-djl, api; tests skipped) into the local repository; (2) build the example against them
# with `./mvnw -f examples/embedding/pom.xml`; (3) run it on the quickstart model and images; (4)
# check that it wrote one overlay per image and method, that its class path holds no TensorFlow
# jar (backends are separate dependencies), and that it printed the top classes.
#
# Environment:
#   LOUPE_M2_REPO        local repository to install into and build from (default: Maven's own,
#                        ~/.m2/repository); use a private copy on a machine shared with others
#   LOUPE_SKIP_INSTALL   1: the artifacts are installed already (CI ran `./mvnw install`)
#   LOUPE_MVN_OFFLINE    1: pass -o to Maven (no network; everything must be in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-examples/embedding/target/out}"
source examples/lib.sh

start=$SECONDS
if [[ "${LOUPE_SKIP_INSTALL:-0}" != 1 ]]; then
    ./mvnw "${mvn_args[@]}" install -DskipTests -pl bom,api,methods,backend-djl -am
    echo "installed the Loupe artifacts ($((SECONDS - start)) s)"
fi

./mvnw "${mvn_args[@]}" -f examples/embedding/pom.xml clean compile
classpath="examples/embedding/target/classes:$(cat examples/embedding/target/classpath.txt)"
if tr ':' '\n' <<<"$classpath" | grep -q '/org/tensorflow/'; then
    fail "the example depends on loupe-backend-djl only, yet a TensorFlow jar is on its class path"
fi
echo "built the example ($((SECONDS - start)) s)"

rm -rf "$out"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
    dev.loupe.examples.embedding.ExplainImages fixtures/quickstart/shapes_cnn.pt fixtures/quickstart/images \
    fixtures/quickstart/labels.txt "$out" | tee "$log"

grep -q '^model: djl, 4 classes' "$log" || fail "the example did not report the djl backend and 4 classes"
count=0
for image in fixtures/quickstart/images/*.png; do
    name="$(basename "$image" .png)"
    grep -q "^${name}.png: \[" "$log" || fail "no top classes printed for $name"
    for method in grad-cam saliency; do
        png="$out/$name.$method.png"
        [[ -s "$png" ]] || fail "missing or empty: $png"
        [[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] || fail "not a PNG: $png"
        count=$((count + 1))
    done
done
echo "embedding example OK: $count overlays in $out ($((SECONDS - start)) s in all)"
