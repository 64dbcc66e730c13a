#!/usr/bin/env bash
# --plan prints the design without running; bad sweep files and refused outputs exit 2.
source "$(dirname "$0")/lib.sh"

expect 0 "$COACHSIM" sweep "$SMALL" --plan
contains out.txt "points: 4 x replicates: 5 = runs: 20"
contains out.txt "design hash: "
contains out.txt "program.phone_contacts_per_month"
[ ! -e results ] || fail "--plan wrote results"

cat >bad.toml <<TOML
schema_version = 1
base = "$SOURCE_DIR/scenarios/sweeps/base_small.toml"

[sweep]
replicates = 2
seed = 1
method = "grid"

[[axes]]
parameter = "program.caseload"
values = [8, 2000]
TOML
expect 2 "$COACHSIM" sweep bad.toml -o bad.h5
contains err.txt "bad.toml:11:14: axes[0].values[1]: 2000 is outside [1, 1000] patients"
[ ! -e bad.h5 ] && [ ! -e bad.h5.journal ] || fail "an invalid sweep left files behind"

expect 0 "$COACHSIM" sweep "$SMALL" -o out.h5
expect 2 "$COACHSIM" sweep "$SMALL" -o out.h5
contains err.txt "out.h5 exists; pass --force to overwrite"
expect 0 "$COACHSIM" sweep "$SMALL" -o out.h5 --force
expect 2 "$COACHSIM" sweep "$SMALL" -o x.h5 --shard 4/4
contains err.txt "--shard: a shard is K/N with 0 <= K < N"
echo "ok"
