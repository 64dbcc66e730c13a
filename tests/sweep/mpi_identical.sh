#!/usr/bin/env bash
# mpirun -n 1, 2 and 3 give the file a local sweep gives (rank 0 hands out runs; -n 1 is local).
source "$(dirname "$0")/lib.sh"
case "${HAVE_MPI:-}" in
  ON | TRUE | 1 | YES) ;;
  *) echo "SKIP: coachsim was built without MPI (COACHSIM_WITH_MPI)"; exit 77 ;;
esac
[ -x "${MPIEXEC:-}" ] || { echo "SKIP: no mpiexec"; exit 77; }
# OpenMPI refuses root without these; --oversubscribe lets 3 ranks share 2 cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1

expect 0 "$COACHSIM" sweep "$SMALL" -o local.h5
for n in 1 2 3; do
  expect 0 "$MPIEXEC" -n "$n" "$COACHSIM" sweep "$SMALL" -o "mpi$n.h5" --summary-json "mpi$n.json"
  same local.h5 "mpi$n.h5"
  contains "mpi$n.json" '"ran_now": 20'
done
contains mpi3.json '"workers": 2'
# Shards under MPI, merged, too.
expect 0 "$MPIEXEC" -n 2 "$COACHSIM" sweep "$SMALL" --shard 0/2 -o a.shard
expect 0 "$MPIEXEC" -n 3 "$COACHSIM" sweep "$SMALL" --shard 1/2 -o b.shard
expect 0 "$COACHSIM" merge a.shard b.shard -o merged.h5
same local.h5 merged.h5
# An invalid output is reported once, by rank 0, and every rank stops.
expect 2 "$MPIEXEC" -n 3 "$COACHSIM" sweep "$SMALL" -o local.h5
contains err.txt "local.h5 exists; pass --force to overwrite"
echo "ok"
