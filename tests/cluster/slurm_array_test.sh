#!/usr/bin/env bash
# Submits the shipped job-array script (docs/cluster/sweep-array.sbatch, 4 tasks) and the merge
# script (afterany) to a one-node Slurm started here, and checks the merged file equals the
# local sweep's; then the MPI script (srun --mpi=pmix) when coachsim has MPI. Skipped (exit 77)
# when Slurm is not installed, not root, or the cluster cannot be started.
source "$(dirname "$0")/../sweep/lib.sh"
CLUSTER="$SOURCE_DIR/tests/cluster/slurm_local.sh"
SCRIPTS="$SOURCE_DIR/docs/cluster"

skip() {
  echo "SKIP: $*"
  exit 77
}
[ "$(id -u)" = 0 ] || skip "starting a local Slurm needs root"
for tool in slurmctld slurmd sbatch munged; do
  command -v "$tool" >/dev/null || skip "$tool not installed (COACHSIM_BOOTSTRAP_EXTRAS=slurm cmake/bootstrap.sh)"
done
exec 9>/tmp/coachsim-slurm-test.lock  # one local cluster on this machine at a time
flock -w 900 9 || skip "another Slurm test holds /tmp/coachsim-slurm-test.lock"

export SLURM_LOCAL_DIR="$WORK/slurm" SLURM_LOCAL_CPUS=4
export SLURM_CONF="$SLURM_LOCAL_DIR/slurm.conf"
"$CLUSTER" start >cluster.log 2>&1 || { cat cluster.log; "$CLUSTER" stop || true; skip "could not start a local Slurm"; }
trap '"$CLUSTER" stop >>cluster.log 2>&1 || true' EXIT

expect 0 "$COACHSIM" sweep "$SMALL" -o local.h5

job_done() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }
# wait_job ID: waits (at most 5 minutes) for the job and all its array tasks to leave the queue.
wait_job() {
  for _ in $(seq 1500); do
    job_done "$1" && return 0
    sleep 0.2
  done
  squeue >&2 || true
  fail "job $1 did not finish in 5 minutes"
}
# states ID: "<task> <state> <exit code>" per job or array task.
states() {
  scontrol -o show job "$1" | tr ' ' '\n' | awk -F= '$1 == "ArrayTaskId" {t = $2} $1 == "JobState" {s = $2}
    $1 == "ExitCode" {print (t == "" ? "-" : t), s, $2; t = ""}'
}

submit_env="ALL,COACHSIM=$COACHSIM,SWEEP=$SMALL,OUTDIR=$WORK/array"
array=$(sbatch --parsable --array=0-3 --chdir="$WORK" --export="$submit_env" "$SCRIPTS/sweep-array.sbatch")
merge=$(sbatch --parsable --dependency="afterany:$array" --chdir="$WORK" --export="$submit_env" \
  "$SCRIPTS/sweep-merge.sbatch")
echo "submitted array job $array (4 tasks) and merge job $merge"
wait_job "$array"
wait_job "$merge"
states "$array" >array-states.txt
states "$merge" >>array-states.txt
cat array-states.txt
[ "$(grep -c ' COMPLETED 0:0$' array-states.txt)" = 5 ] || { cat coachsim-*.out >&2 || true; fail "a job did not complete"; }
ls "$WORK/array/shards" | grep -q '^shard-3-of-4.shard$' || fail "no shard-3-of-4.shard"
same local.h5 "$WORK/array/sweep.h5"

case "${HAVE_MPI:-}" in
  ON | TRUE | 1 | YES)
    if srun --mpi=list 2>&1 | grep -q pmix; then
      mpi=$(sbatch --parsable --ntasks=3 --chdir="$WORK" --export="ALL,COACHSIM=$COACHSIM,SWEEP=$SMALL,OUTDIR=$WORK/mpi" \
        "$SCRIPTS/sweep-mpi.sbatch")
      echo "submitted MPI job $mpi (3 ranks)"
      wait_job "$mpi"
      states "$mpi" | grep -q ' COMPLETED 0:0$' || { cat coachsim-sweep-mpi-*.out >&2 || true; fail "the MPI job failed"; }
      same local.h5 "$WORK/mpi/sweep.h5"
    else
      echo "note: srun has no pmix plugin; the MPI script was not tried"
    fi
    ;;
esac
echo "ok"
