#!/usr/bin/env bash
# --resume from every state a crash can leave behind completes the sweep, bit-identical to an
# uninterrupted one: a complete results file beside its journal (killed between writing the file
# and removing the journal), a journal whose header was cut short (created on a full disk, or
# killed at once), a journal with a damaged record in the middle (the intact runs are kept), and
# a sweep started with --force while another holds the journal (refused; the journal is kept).
source "$(dirname "$0")/lib.sh"
SWEEP="$SOURCE_DIR/tests/sweep/data/resume.toml"  # 96 runs

expect 0 "$COACHSIM" sweep "$SWEEP" -o reference.h5 --threads 2

# A journal part-way through: SIGINT once the journal holds a few runs.
"$COACHSIM" sweep "$SWEEP" -o part.h5 --threads 1 >part.out 2>part.err &
pid=$!
for _ in $(seq 3000); do
  [ "$(file_size part.h5.journal)" -gt 20000 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.01
done
kill -INT "$pid" 2>/dev/null || fail "the sweep finished before it could be interrupted"
status=0; wait "$pid" || status=$?
[ "$status" = 130 ] || { cat part.err >&2; fail "SIGINT: exit $status, expected 130"; }
cp part.h5.journal partial.journal

# --- a complete results file beside its journal
cp partial.journal done.h5.journal
expect 0 "$COACHSIM" sweep "$SWEEP" -o done.h5 --resume --threads 2
cp partial.journal done.h5.journal  # as if killed after the rename, before the journal was removed
expect 2 "$COACHSIM" sweep "$SWEEP" -o done.h5
expect 0 "$COACHSIM" sweep "$SWEEP" -o done.h5 --resume
[ ! -e done.h5.journal ] || fail "the leftover journal of a complete sweep was not removed"
same reference.h5 done.h5
expect 0 "$COACHSIM" sweep "$SWEEP" -o done.h5 --resume  # a requeued job: nothing to do
same reference.h5 done.h5

# --- a journal header cut short (0 bytes, part of the magic, the magic, part of the header)
for keep in 0 5 8 30; do
  head -c "$keep" partial.journal >torn.h5.journal
  expect 0 "$COACHSIM" sweep "$SWEEP" -o torn.h5 --resume --threads 2
  [ "$keep" = 0 ] || contains err.txt "the journal header was cut short"
  same reference.h5 torn.h5
  rm -f torn.h5
done
# A foreign file under the journal's name is not taken for a torn journal.
printf 'not a journal at all' >foreign.h5.journal
expect 2 "$COACHSIM" sweep "$SWEEP" -o foreign.h5 --resume
contains err.txt "is not a coachsim sweep journal"

# --- a damaged record in the middle: only that run is run again
cp partial.journal damaged.h5.journal
size=$(file_size damaged.h5.journal)
printf '\xff\xff\xff\xff' | dd of=damaged.h5.journal bs=1 seek=$((size / 2)) conv=notrunc status=none
expect 0 "$COACHSIM" sweep "$SWEEP" -o damaged.h5 --resume --threads 2
contains err.txt "bytes of damaged records"
intact=$(sed -n 's/.*, \([0-9]*\) resumed from the journal.*/\1/p' out.txt)
cp partial.journal clean.h5.journal
expect 0 "$COACHSIM" sweep "$SWEEP" -o clean.h5 --resume --threads 2
all=$(sed -n 's/.*, \([0-9]*\) resumed from the journal.*/\1/p' out.txt)
[ "$intact" -ge $((all - 2)) ] && [ "$intact" -lt "$all" ] ||
  fail "a damaged record should lose only itself: $intact of $all runs kept"
same reference.h5 damaged.h5
same reference.h5 clean.h5

# --- --force while another process holds the journal: refused, the journal untouched
cp partial.journal locked.h5.journal
before=$(sha256sum <locked.h5.journal)
flock -x locked.h5.journal sleep 5 &
holder=$!
sleep 0.5
expect 2 "$COACHSIM" sweep "$SWEEP" -o locked.h5 --force
contains err.txt "in use by another process"
[ "$(sha256sum <locked.h5.journal)" = "$before" ] || fail "a refused --force sweep changed the journal"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
echo "ok"
