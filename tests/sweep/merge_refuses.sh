#!/usr/bin/env bash
# merge refuses a missing, a duplicated and a foreign shard, saying which (exit 2).
source "$(dirname "$0")/lib.sh"

for k in 0 1 2; do expect 0 "$COACHSIM" sweep "$SMALL" --shard "$k/3" -o "part-$k.shard"; done

expect 2 "$COACHSIM" merge part-0.shard part-2.shard -o missing.h5
contains err.txt "cannot merge: "
contains err.txt "runs missing: 1 (point 0, replicate 1)"
contains err.txt "shard 1/3 not given"

expect 2 "$COACHSIM" merge part-0.shard part-1.shard part-1.shard part-2.shard -o duplicated.h5
contains err.txt "duplicated shard: part-1.shard and part-1.shard are both shard 1/3"
cp part-1.shard copy-of-1.shard
expect 2 "$COACHSIM" merge part-0.shard part-1.shard copy-of-1.shard part-2.shard -o duplicated.h5

# The same sweep with another seed is another design.
sed 's/^seed = 2024/seed = 2025/' "$SMALL" >other.toml
sed -i "s|^base = \"base_small.toml\"|base = \"$SOURCE_DIR/scenarios/sweeps/base_small.toml\"|" other.toml
expect 0 "$COACHSIM" sweep other.toml --shard 1/3 -o foreign.shard
expect 2 "$COACHSIM" merge part-0.shard foreign.shard part-2.shard -o foreign.h5
contains err.txt "foreign shard: foreign.shard is from design"

echo "not a shard" >junk.shard
expect 2 "$COACHSIM" merge part-0.shard junk.shard -o junk.h5 || true
[ ! -e missing.h5 ] && [ ! -e duplicated.h5 ] && [ ! -e foreign.h5 ] || fail "a refused merge wrote a file"
echo "ok"
