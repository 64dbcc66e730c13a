# Helpers for the sweep integration tests (sourced). Environment from tests/sweep/CMakeLists.txt:
# COACHSIM, COMPARE, SOURCE_DIR, WORK_ROOT, TEST_NAME, MPIEXEC, HAVE_MPI.
set -euo pipefail
: "${COACHSIM:?}" "${COMPARE:?}" "${SOURCE_DIR:?}" "${WORK_ROOT:?}" "${TEST_NAME:?}"

WORK="$WORK_ROOT/$TEST_NAME"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
SMALL="$SOURCE_DIR/scenarios/sweeps/small.toml"

fail() {
  echo "FAIL ($TEST_NAME): $*" >&2
  exit 1
}

# expect STATUS COMMAND...: runs COMMAND, keeps its output in out.txt / err.txt, fails unless it
# exits with STATUS.
expect() {
  local expected=$1 status=0
  shift
  "$@" >out.txt 2>err.txt || status=$?
  if [ "$status" != "$expected" ]; then
    echo "--- stdout" >&2; cat out.txt >&2; echo "--- stderr" >&2; cat err.txt >&2
    fail "'$*' exited with $status, expected $expected"
  fi
}

# contains FILE TEXT: fails unless FILE contains TEXT (fixed string).
contains() {
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 does not contain '$2'"; }
}

# same A B: fails unless the two results files are identical (datasets bit for bit, attributes
# except host, threads and times).
same() {
  "$COMPARE" "$1" "$2" || fail "$1 and $2 differ"
}

# file_size FILE: its size in bytes, 0 when absent.
file_size() {
  if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi
}
