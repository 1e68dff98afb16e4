#!/usr/bin/env bash
# Builds the example plugin (examples/plugin/) against the installed Loupe artifacts, runs its
# tests (the testkit's contracts), and runs it through the CLI from a plugins folder and from the
# class path.
#
#   examples/run-plugin-example.sh [OUT_FOLDER]      (default: examples/plugin/target/out)
#
# Steps: (1) install what the plugin builds against (parent, bom, core, testkit, backend-djl;
# tests skipped); (2) `./mvnw -f examples/plugin/pom.xml verify`: compile and pass the testkit's
# method and metric contracts; (3) copy the jar into a plugins folder and check that
# `loupe methods` and `loupe metrics` list its providers with their jar, that `loupe explain` runs
# the plugin's method and `loupe evaluate` its metric; (4) the same method from the class path.
# Needs the CLI built (./mvnw package or install; cli/target/loupe-cli.jar).
#
# Environment: LOUPE_M2_REPO, LOUPE_SKIP_INSTALL, LOUPE_MVN_OFFLINE as in run-embedding-example.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-examples/plugin/target/out}"
source examples/lib.sh

start=$SECONDS
if [[ "${LOUPE_SKIP_INSTALL:-0}" != 1 ]]; then
    ./mvnw "${mvn_args[@]}" install -DskipTests -pl bom,core,testkit,backend-djl -am
    echo "installed the Loupe artifacts ($((SECONDS - start)) s)"
fi
[[ -f cli/target/loupe-cli.jar ]] || fail "build the CLI first (./mvnw -B install, or package)"

./mvnw "${mvn_args[@]}" -f examples/plugin/pom.xml clean verify
jar="examples/plugin/target/loupe-example-plugin-1.0.0.jar"
[[ -f "$jar" ]] || fail "the build wrote no $jar"
echo "built the plugin and passed the testkit contracts ($((SECONDS - start)) s)"

rm -rf "$out"
mkdir -p "$out/plugins"
cp "$jar" "$out/plugins/"
export LOUPE_SKIP_BUILD=1
log="$out/log.txt"

./loupe --plugins "$out/plugins" methods >"$log"
grep -q '^expected-gradients 1.0.0 .*loupe-example-plugin-1.0.0.jar' "$log" \
    || fail "loupe methods does not list expected-gradients from the plugin jar: $(cat "$log")"
./loupe --plugins "$out/plugins" metrics >"$log"
grep -q '^sparseness 1.0.0 .*loupe-example-plugin-1.0.0.jar' "$log" \
    || fail "loupe metrics does not list sparseness from the plugin jar: $(cat "$log")"

./loupe --plugins "$out/plugins" explain --model fixtures/quickstart/shapes_cnn.pt --image fixtures/quickstart/images \
    --method expected-gradients --param samples=16 --out "$out/explain" >"$log"
[[ -s "$out/explain/circle_1/expected-gradients.npy" ]] || fail "loupe explain wrote no expected-gradients map: $(cat "$log")"

./loupe --plugins "$out/plugins" evaluate --model fixtures/quickstart/shapes_cnn.pt --image fixtures/quickstart/images \
    --method saliency,expected-gradients --param expected-gradients.samples=16 --metric sparseness --out "$out/evaluate" >"$log"
grep -q 'sparseness' "$out/evaluate/evaluation.csv" || fail "loupe evaluate did not score sparseness: $(cat "$log")"

# the class path works as well as a plugins folder
java -Dai.djl.offline=true -cp "cli/target/loupe-cli.jar:cli/target/lib/*:$jar" dev.loupe.cli.Main methods >"$log"
grep -q '^expected-gradients 1.0.0' "$log" || fail "expected-gradients is not found on the class path"

echo "plugin example OK ($((SECONDS - start)) s in all)"
