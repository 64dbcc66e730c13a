#!/usr/bin/env bash
# kill -9 part-way, then --resume: the file equals an uninterrupted sweep's, and finished runs
# are not rerun. The same after Ctrl-C (SIGINT), which exits 130 and says how to resume.
source "$(dirname "$0")/lib.sh"
SWEEP="$SOURCE_DIR/tests/sweep/data/resume.toml"  # 96 runs, about two seconds on one thread

expect 0 "$COACHSIM" sweep "$SWEEP" -o reference.h5 --threads 2

# wait_for_records JOURNAL PID: returns once the journal has grown by at least two records after
# it was first seen, while PID still runs (fails if PID ends first).
wait_for_records() {
  local journal=$1 pid=$2 first=0 seen=0 last=0 size
  for _ in $(seq 3000); do
    kill -0 "$pid" 2>/dev/null || return 1
    size=$(file_size "$journal")
    if [ "$size" -gt 0 ] && [ "$size" != "$last" ]; then
      seen=$((seen + 1))
      last=$size
      [ "$first" != 0 ] || first=$size
      [ "$seen" -lt 3 ] || return 0
    fi
    sleep 0.01
  done
  return 1
}

# --- kill -9
"$COACHSIM" sweep "$SWEEP" -o killed.h5 --threads 1 >killed.out 2>&1 &
pid=$!
wait_for_records killed.h5.journal "$pid" || fail "the sweep finished before it could be killed"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -e killed.h5 ] || fail "a killed sweep left a results file"
[ -s killed.h5.journal ] || fail "a killed sweep left no journal"
printf 'torn record from a crash' >>killed.h5.journal  # as if the kill had cut a record short
expect 2 "$COACHSIM" sweep "$SWEEP" -o killed.h5
contains err.txt "holds an interrupted sweep: pass --resume to continue it"
expect 0 "$COACHSIM" sweep "$SWEEP" -o killed.h5 --resume --threads 2
contains err.txt "discarded"
contains out.txt "resumed from the journal"
resumed=$(sed -n 's/.*, \([0-9]*\) resumed from the journal.*/\1/p' out.txt)
[ "$resumed" -gt 0 ] && [ "$resumed" -lt 96 ] || fail "expected some runs resumed, got '$resumed'"
[ ! -e killed.h5.journal ] || fail "the journal was not removed after the results file was written"
same reference.h5 killed.h5

# --- Ctrl-C (SIGINT): running runs finish and are journaled, exit 130
"$COACHSIM" sweep "$SWEEP" -o stopped.h5 --threads 1 >stopped.out 2>stopped.err &
pid=$!
wait_for_records stopped.h5.journal "$pid" || fail "the sweep finished before it could be interrupted"
kill -INT "$pid"
status=0
wait "$pid" || status=$?
[ "$status" = 130 ] || { cat stopped.out stopped.err >&2; fail "SIGINT: exit status $status, expected 130"; }
contains stopped.err "continue with: coachsim sweep $SWEEP -o stopped.h5 --resume"
[ ! -e stopped.h5 ] || fail "an interrupted sweep wrote a results file"
expect 0 "$COACHSIM" sweep "$SWEEP" -o stopped.h5 --resume --threads 1
same reference.h5 stopped.h5

# --- a shard killed and resumed merges like the rest
"$COACHSIM" sweep "$SWEEP" --shard 0/2 -o a.shard --threads 1 >shard.out 2>&1 &
pid=$!
wait_for_records a.shard.partial "$pid" || fail "the shard finished before it could be killed"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -e a.shard ] || fail "a killed shard left a shard file"
expect 2 "$COACHSIM" merge a.shard.partial -o partial.h5
grep -qE "runs missing|is damaged" err.txt || { cat err.txt >&2; fail "merge of an unfinished shard: no clear refusal"; }
expect 0 "$COACHSIM" sweep "$SWEEP" --shard 0/2 -o a.shard --resume
expect 0 "$COACHSIM" sweep "$SWEEP" --shard 1/2 -o b.shard
expect 0 "$COACHSIM" merge a.shard b.shard -o merged.h5
same reference.h5 merged.h5
echo "ok"
