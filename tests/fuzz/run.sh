#!/usr/bin/env bash
# Runs libFuzzer harnesses for a while (docs/fuzzing.md):
#   tests/fuzz/run.sh BUILD_DIR [SECONDS [HARNESS...]]   (default: every harness built, 60 s each)
# BUILD_DIR was configured with -DCOACHSIM_FUZZ=ON (clang). Each harness starts from seeds made of
# the repository's input files, runs in its own scratch directory under BUILD_DIR/fuzz-runs, and
# the script fails on the first finding (kept there as crash-*, leak-*, oom-* or timeout-*).
# An input counts as a timeout after COACHSIM_FUZZ_TIMEOUT seconds (default 20; wall-clock, so raise
# it on a machine busy with other work). COACHSIM_FUZZ_JOBS harnesses run at a time (default 1),
# each on one core; their reports are printed in order once all have finished.
set -euo pipefail
build=$(cd "${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
harnesses=("$@")
if [[ $# -eq 0 ]]; then
  for program in "$build"/tests/fuzz/fuzz_*; do [[ -x $program ]] && harnesses+=("${program##*/fuzz_}"); done
  [[ ${#harnesses[@]} -gt 0 ]] || { echo "run.sh: no harness built in $build (cmake --build --preset fuzz)" >&2; exit 2; }
fi
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
jobs=${COACHSIM_FUZZ_JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: COACHSIM_FUZZ_JOBS must be a positive integer" >&2; exit 2; }

# fuzz HARNESS: makes its seeds, runs it, and leaves its report in fuzz-runs/HARNESS/report.txt and
# its outcome (0: nothing found) in fuzz-runs/HARNESS/status.
fuzz() {
  local harness=$1 program="$build/tests/fuzz/fuzz_$1" work="$build/fuzz-runs/$1" seeds seed status=0
  mkdir -p "$work/corpus" "$work/seeds"
  case $harness in
    scenario) seeds=$(find "$source_dir/scenarios" "$source_dir/tests/bad_inputs/inputs" -name '*.toml' ! -path '*sweeps*' ! -name '*targets*' ! -name '*calibration*' ! -name 'sweep_*' ! -name 'calib_*') ;;
    sweep) seeds=$(find "$source_dir/scenarios/sweeps" "$source_dir/tests/bad_inputs/inputs" -name '*.toml' \( -path '*sweeps*' -o -name 'sweep_*' \)) ;;
    journal) seeds=$(find "$source_dir/tests/bad_inputs/inputs" -name 'shard_*') ;;
    *) seeds="" ;;  # targets_calibration: seeds made below
  esac
  for seed in $seeds; do cp "$seed" "$work/seeds/"; done
  if [[ $harness == targets_calibration ]]; then  # the first byte picks the reader: 0 targets, 1 calibration
    for seed in $(find "$source_dir/scenarios/validation" "$source_dir/tests/bad_inputs/inputs" -name '*targets*.toml'); do
      { printf '\0'; cat "$seed"; } > "$work/seeds/t-$(basename "$seed")"
    done
    for seed in $(find "$source_dir/scenarios/validation" "$source_dir/tests/bad_inputs/inputs" -name '*calib*.toml'); do
      { printf '\1'; cat "$seed"; } > "$work/seeds/c-$(basename "$seed")"
    done
  fi
  {
    echo "== fuzz_$harness for ${seconds} s"
    if ! (cd "$work" && COACHSIM_SOURCE_DIR="$source_dir" "$program" corpus seeds -max_total_time="$seconds" \
            -rss_limit_mb=4096 -timeout="${COACHSIM_FUZZ_TIMEOUT:-20}" -max_len=65536 -print_final_stats=1 2>&1 | tail -n 25); then
      status=1
    fi
    if compgen -G "$work/crash-*" > /dev/null || compgen -G "$work/leak-*" > /dev/null ||
       compgen -G "$work/oom-*" > /dev/null || compgen -G "$work/timeout-*" > /dev/null; then
      echo "run.sh: fuzz_$harness found a problem: $(ls "$work" | grep -E '^(crash|leak|oom|timeout)-' | head -5)"
      status=1
    fi
  } > "$work/report.txt" 2>&1
  echo "$status" > "$work/status"
}

for harness in "${harnesses[@]}"; do
  [[ -x "$build/tests/fuzz/fuzz_$harness" ]] || { echo "run.sh: $build/tests/fuzz/fuzz_$harness is not built (cmake --build $build --target fuzz_$harness)" >&2; exit 2; }
  rm -f "$build/fuzz-runs/$harness/status" "$build/fuzz-runs/$harness/report.txt"
done
for harness in "${harnesses[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || true; done
  echo "run.sh: fuzz_$harness started (${seconds} s)"
  fuzz "$harness" &
done
wait
status=0
for harness in "${harnesses[@]}"; do
  work="$build/fuzz-runs/$harness"
  cat "$work/report.txt"
  [[ "$(cat "$work/status" 2>/dev/null)" == 0 ]] || status=1
done
exit $status
