#!/usr/bin/env bash
# A failing run is recorded with its error, the sweep goes on, the failures are listed and the
# exit status is 1; merging shards keeps the failures.
source "$(dirname "$0")/lib.sh"

expect 1 "$COACHSIM" sweep "$SMALL" -o failed.h5 --fail-run 3 --fail-run 16 --summary-json summary.json
contains out.txt "18 ok, 2 failed"
contains out.txt "run 3 (point 0, replicate 3) failed: failure injected with --fail-run (testing)"
contains out.txt "run 16 (point 3, replicate 1) failed"
contains summary.json '"failed": 2'
python3 -c 'import json, sys; assert {"run": 16, "point": 3, "replicate": 1} in [
  {k: f[k] for k in ("run", "point", "replicate")} for f in json.load(open(sys.argv[1]))["failures"]]' summary.json ||
  fail "summary.json does not list run 16 (point 3, replicate 1)"
[ -f failed.h5 ] || fail "no results file despite failures"

expect 1 "$COACHSIM" sweep "$SMALL" --shard 0/2 -o a.shard --fail-run 3 --fail-run 16
expect 1 "$COACHSIM" sweep "$SMALL" --shard 1/2 -o b.shard --fail-run 3 --fail-run 16
expect 1 "$COACHSIM" merge a.shard b.shard -o merged.h5
contains out.txt "18 ok, 2 failed"
same failed.h5 merged.h5
echo "ok"
