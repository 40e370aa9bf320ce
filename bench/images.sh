#!/usr/bin/env bash
# Benchmark: `pullthrough images`, whole process, on this repository and on a generated tree of 10,000 files.
#
#   images   java -jar target/pullthrough-0.1.0-cli.jar images TREE --rules RULES [--format json]
#   anchor   grep -rlE 'image:|FROM|docker://' TREE   (reading every file for the words, what one does by hand)
#   floor    java -jar target/pullthrough-0.1.0-cli.jar images --help   (JVM start-up and class loading only)
#
# Runs alternate images/anchor/floor, so each ratio is taken between runs made back to back. The generated tree
# (lib/images_tree.py, fixed seed) has 200 workflows, 600 Dockerfiles, 300 compose files, 50 GitLab CI files,
# 2,000 Kubernetes manifests (multi-document), 1,000 other YAML files and 5,850 other files, in 200 directories.
#
# Env: RUNS (default 5), WARMUP (1), FILES (10000), BENCH_OUT (default target/bench).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FILES="${FILES:-10000}"

bench_init images
bench_need java "apt-get install -y openjdk-17-jdk-headless"
bench_cli_jar
java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images --help >/dev/null 2>&1 \
  || die "$CLI_JAR has no 'images' command: rebuild it (mvn -DskipTests package)"

tree="$BENCH_TMP/tree"
python3 "$BENCH_DIR/lib/images_tree.py" "$tree" "$FILES"
rules="$BENCH_TMP/rules.json"
cat > "$rules" <<'JSON'
{
  "docker_hub": { "ecr_repository_prefix": "docker-hub", "upstream_registry_url": "registry-1.docker.io" },
  "github": { "ecr_repository_prefix": "github", "upstream_registry_url": "ghcr.io" },
  "k8s": { "ecr_repository_prefix": "k8s", "upstream_registry_url": "registry.k8s.io" }
}
JSON
{
  echo "repository: $ROOT ($(git -C "$ROOT" ls-files | wc -l) tracked files)"
  echo "generated tree: $(find "$tree" -type f | wc -l) files"
} >> "$RESULTS_DIR/machine.txt"

run_set() {
  local i="$1"
  bench_measure repo.images -- java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images "$ROOT" --rules "$rules"
  bench_measure repo.anchor-grep -- grep -rlE 'image:|FROM|docker://' "$ROOT" --exclude-dir=.git --exclude-dir=target
  bench_measure tree.images -- java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images "$tree" --rules "$rules"
  bench_measure tree.images-json -- java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images "$tree" --rules "$rules" --format json
  bench_measure tree.anchor-grep -- grep -rlE 'image:|FROM|docker://' "$tree"
  bench_measure floor.help -- java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images --help
  say "run $i done"
}

for ((w = 1; w <= WARMUP; w++)); do
  run_set "warm-up $w"
done
rm -f "$RESULTS" "$RESULTS.log"
for ((r = 1; r <= RUNS; r++)); do
  run_set "$r"
done
# One more run of each, kept aside, for the counts the report printed.
java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images "$tree" --rules "$rules" | tail -12 > "$RESULTS_DIR/tree-summary.txt" || true
java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" images "$ROOT" --rules "$rules" | tail -12 > "$RESULTS_DIR/repo-summary.txt" || true
bench_summary --pair tree.images tree.anchor-grep --pair repo.images repo.anchor-grep \
  --pair tree.images floor.help --pair repo.images floor.help
