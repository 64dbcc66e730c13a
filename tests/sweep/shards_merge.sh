#!/usr/bin/env bash
# 1 shard merged and 4 shards merged give the file a local sweep gives.
source "$(dirname "$0")/lib.sh"

expect 0 "$COACHSIM" sweep "$SMALL" -o local.h5
expect 0 "$COACHSIM" sweep "$SMALL" --shard 0/1 -o whole.shard
expect 0 "$COACHSIM" merge whole.shard -o merged1.h5
for k in 3 1 0 2; do  # any order
  expect 0 "$COACHSIM" sweep "$SMALL" --shard "$k/4" -o "part-$k.shard" --threads 1
  contains out.txt "shard: part-$k.shard"
done
expect 0 "$COACHSIM" merge part-2.shard part-0.shard part-3.shard part-1.shard -o merged4.h5
contains out.txt "merged 4 shards"
same local.h5 merged1.h5
same local.h5 merged4.h5
# A finished shard resumed again has nothing to do.
expect 0 "$COACHSIM" sweep "$SMALL" --shard 1/4 -o part-1.shard --resume
echo "ok"
