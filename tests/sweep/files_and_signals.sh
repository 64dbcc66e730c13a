#!/usr/bin/env bash
# Results files under stress: a variable whose shape disagrees with its dimensions and a foreign
# file are refused by `inspect` (exit 2); `run` and `calibrate` stop on SIGINT/SIGTERM with
# 130/143 and leave no temporary file; a temporary file of a dead process is removed by the next
# run on that output; a full disk (a small tmpfs, when this test may mount one) gives a clear
# error, exit 1, no crash and no temporary file for run, sweep and merge, and after freeing space
# the rerun (sweep: --resume) is bit-identical.
source "$(dirname "$0")/lib.sh"
PYTHON=/usr/bin/python3
SWEEP="$SOURCE_DIR/tests/sweep/data/resume.toml"  # 96 runs
TOY="$SOURCE_DIR/tests/app/calibration/toy.calibration.toml"

no_temp_files() {  # DIR: fails if any *.tmp-* file is left there
  if ls "$1" | grep -q '\.tmp-'; then ls -la "$1" >&2; fail "temporary files left in $1"; fi
}

# --- inspect: shapes against dimensions, foreign files
expect 0 "$COACHSIM" run --replicates 3 -o small.h5
cp small.h5 bad_shape.h5
"$PYTHON" - bad_shape.h5 <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    attrs = dict(f["n_enrolled"].attrs)
    del f["n_enrolled"]
    d = f.create_dataset("n_enrolled", data=np.zeros((2, 2)))
    d.dims[0].attach_scale(f["replicate"])
    d.dims[1].attach_scale(f["arm"])
PY
expect 2 "$COACHSIM" inspect bad_shape.h5
contains err.txt "bad_shape.h5: variable n_enrolled has shape (2, 2) but its dimensions say (replicate=3, arm=2)"
printf 'plain text' >foreign.h5
expect 2 "$COACHSIM" inspect foreign.h5
contains err.txt "foreign.h5 is not a coachsim results file"
"$PYTHON" -c 'import h5py; h5py.File("other.h5", "w").create_dataset("x", data=[1, 2])'
expect 2 "$COACHSIM" inspect other.h5
contains err.txt "other.h5 is not a coachsim results file"

# --- signals: run and calibrate remove their temporary file and exit 128 + signal
signal_test() {  # SIGNAL STATUS READY COMMAND...: READY is a shell test that the work has started
  local signal=$1 expected=$2 wait_for=$3 status=0
  shift 3
  "$@" >sig.out 2>sig.err &
  local pid=$!
  for _ in $(seq 3000); do
    eval "$wait_for" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  sleep 0.2
  kill -"$signal" "$pid" 2>/dev/null || fail "'$*' finished before it could be signalled"
  wait "$pid" || status=$?
  [ "$status" = "$expected" ] || { cat sig.out sig.err >&2; fail "SIG$signal to '$*': exit $status, expected $expected"; }
  contains sig.err "interrupted by SIG$signal"
}
mkdir -p sig
signal_test INT 130 'ls sig | grep -q tmp-' "$COACHSIM" run --replicates 100000 --threads 1 -o sig/run.h5
signal_test TERM 143 'ls sig | grep -q tmp-' "$COACHSIM" run --replicates 100000 --threads 1 -o sig/run.h5
[ ! -e sig/run.h5 ] || fail "an interrupted run wrote its results file"
# The toy calibration with a budget large enough to be signalled while it runs, on any machine.
sed -e 's/^global_points = .*/global_points = 4096/' -e 's/^replicates = .*/replicates = 50/' \
  -e "s|^scenario = .*|scenario = \"$SOURCE_DIR/scenarios/validation/thom2013.toml\"|" \
  -e "s|^targets = .*|targets = \"$SOURCE_DIR/scenarios/validation/thom2013.targets.toml\"|" "$TOY" >sig/slow.calibration.toml
(cd sig && signal_test INT 130 'grep -q global sig.out' "$COACHSIM" calibrate slow.calibration.toml -o cal.h5 --threads 1)
(cd sig && signal_test TERM 143 'grep -q global sig.out' "$COACHSIM" calibrate slow.calibration.toml -o cal.h5 --threads 1)
[ ! -e sig/cal.h5 ] || fail "an interrupted calibration wrote its results file"
no_temp_files sig

# --- a temporary file of a dead process is removed by the next run on that output
dead=$("$PYTHON" -c 'import os
for pid in range(4000000, 3000000, -1):
    try: os.kill(pid, 0)
    except ProcessLookupError: print(pid); break
    except PermissionError: pass')
printf 'left by kill -9' >"stale.h5.tmp-$dead"
printf 'not ours' >"stale.h5.tmp-notapid"
expect 0 "$COACHSIM" run --replicates 2 -o stale.h5
[ ! -e "stale.h5.tmp-$dead" ] || fail "the temporary file of a dead process was not removed"
[ -e stale.h5.tmp-notapid ] || fail "a file that is not a temporary file was removed"

# --- full disks
if [ "$(id -u)" != 0 ] || ! mkdir -p full || ! mount -t tmpfs -o size=256k tmpfs full 2>/dev/null; then
  echo "SKIP disk-full checks: cannot mount a tmpfs here (needs root)"
  echo "ok"
  exit 0
fi
trap 'umount "$WORK/full" 2>/dev/null || true' EXIT
disk_full() {  # exit 1 with a clear message, no crash, no temporary file
  contains err.txt "No space left on device"
  no_temp_files full
}
expect 0 "$COACHSIM" run --replicates 40 -o run_reference.h5
expect 1 "$COACHSIM" run --replicates 40 -o full/run.h5
disk_full
[ ! -e full/run.h5 ] || fail "a run on a full disk left a results file"
mount -o remount,size=64m full
expect 0 "$COACHSIM" run --replicates 40 -o full/run.h5
same run_reference.h5 full/run.h5
rm -f full/*

mount -o remount,size=256k full
expect 0 "$COACHSIM" sweep "$SWEEP" -o sweep_reference.h5 --threads 2
expect 1 "$COACHSIM" sweep "$SWEEP" -o full/sweep.h5 --threads 2
disk_full
mount -o remount,size=64m full
expect 0 "$COACHSIM" sweep "$SWEEP" -o full/sweep.h5 --threads 2 --resume
same sweep_reference.h5 full/sweep.h5
rm -f full/*

expect 0 "$COACHSIM" sweep "$SWEEP" --shard 0/2 -o a.shard --threads 2
expect 0 "$COACHSIM" sweep "$SWEEP" --shard 1/2 -o b.shard --threads 2
mount -o remount,size=128k full
expect 1 "$COACHSIM" merge a.shard b.shard -o full/merged.h5
disk_full
mount -o remount,size=64m full
expect 0 "$COACHSIM" merge a.shard b.shard -o full/merged.h5
same sweep_reference.h5 full/merged.h5
echo "ok"
