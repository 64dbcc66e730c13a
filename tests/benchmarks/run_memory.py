#!/usr/bin/env python3
"""Peak memory of `coachsim run` against the replicate count (docs/performance.md).

    tests/benchmarks/run_memory.py COACHSIM [REPLICATES...]   (default: 1000 100000)

Runs the default scenario once per replicate count, one after the other, each in a fresh process
writing to a temporary directory, and prints the maximum resident set size of each and its ratio to
the first. Only the standard library is used.
"""
import os
import subprocess
import sys
import tempfile
import time


def peak_kib(coachsim: str, replicates: int, directory: str) -> tuple[int, float]:
    """Runs one child and returns (its maximum resident set size in KiB, wall seconds)."""
    output = os.path.join(directory, f"r{replicates}.h5")
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(coachsim, [coachsim, "run", "--replicates", str(replicates), "-o", output, "--force"])
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"run_memory: coachsim run --replicates {replicates} failed")
    os.remove(output)
    return usage.ru_maxrss, time.monotonic() - start


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    coachsim = os.path.abspath(sys.argv[1])
    counts = [int(n) for n in sys.argv[2:]] or [1000, 100000]
    print(f"{'replicates':>10}  {'peak RSS':>10}  {'ratio':>6}  {'wall':>8}")
    first = None
    with tempfile.TemporaryDirectory() as directory:
        for n in counts:
            kib, seconds = peak_kib(coachsim, n, directory)
            first = first or kib
            print(f"{n:>10,}  {kib / 1024:>7.1f} MB  {kib / first:>6.2f}  {seconds:>7.1f}s", flush=True)


if __name__ == "__main__":
    main()
