#!/usr/bin/env python3
"""The bad-input corpus: every case in expectations.tsv is run against coachsim and must be
refused as the README promises -- the expected exit status, the location and key (or the plain
sentence) in its message, no raw library error text, and nothing written: every file in the
case's working directory (its inputs included) is the same afterwards, and no file is added.

Each case runs in a fresh directory holding a copy of inputs/ (as in/) and of the repository's
scenarios/ (as scenarios/), so the inputs can extend the shipped scenarios. Columns of
expectations.tsv (tab-separated, '#' starts a comment line):

  id        kind.name (the kind: scenario, set, flags, sweep, targets, calibration, results,
            shards, limits, outputs, command)
  exit      the expected exit status
  expected  text that stderr must contain (file:line:col: key: ... where there is one)
  command   the arguments after `coachsim`, split like a shell would; @LONGKEY@ becomes a
            100,000-character key
  setup     optional, comma-separated: touch:PATH (an existing output), link:PATH:TARGET (a
            symbolic link), big:PATH (a 17 MiB file), longkey:PATH (a scenario with a
            1,000,000-character key)

Usage: run_bad_inputs.py COACHSIM [SOURCE_DIR] [-k SUBSTRING]
"""
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RAW_LIBRARY_TEXT = ["H5F", "H5D", "HDF5-DIAG", "std::bad_alloc", "terminate called", "Segmentation fault",
                    "basic_string", "stoi", "vector::_M", "AddressSanitizer", "runtime error:"]


def read_cases(path):
    cases = []
    with open(path, encoding="utf-8") as table:
        for number, line in enumerate(table, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 4:
                raise SystemExit(f"{path}:{number}: expected at least 4 tab-separated fields")
            setup = fields[4] if len(fields) > 4 else ""
            cases.append({"id": fields[0], "exit": int(fields[1]), "expected": fields[2], "command": fields[3],
                          "setup": setup, "line": number})
    return cases


def snapshot(directory):
    files = {}
    for top, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(top, name)
            if os.path.islink(path):
                files[os.path.relpath(path, directory)] = "link:" + os.readlink(path)
                continue
            with open(path, "rb") as handle:
                files[os.path.relpath(path, directory)] = hashlib.sha256(handle.read()).hexdigest()
    return files


def set_up(work, setup):
    for step in filter(None, setup.split(",")):
        kind, _, rest = step.partition(":")
        if kind == "touch":
            open(os.path.join(work, rest), "w").close()
        elif kind == "link":
            link, target = rest.split(":")
            os.symlink(target, os.path.join(work, link))
        elif kind == "big":
            with open(os.path.join(work, rest), "w") as handle:
                handle.write("schema_version = 1\n" + ("# padding\n" * (17 * 1024 * 1024 // 10)))
        elif kind == "longkey":
            with open(os.path.join(work, rest), "w") as handle:
                handle.write("schema_version = 1\n" + "x" * 1_000_000 + " = 1\n")
        else:
            raise SystemExit(f"unknown setup step {step}")


def run_case(coachsim, source, case):
    with tempfile.TemporaryDirectory(prefix="coachsim-bad-") as work:
        shutil.copytree(os.path.join(HERE, "inputs"), os.path.join(work, "in"))
        shutil.copytree(os.path.join(source, "scenarios"), os.path.join(work, "scenarios"))
        set_up(work, case["setup"])
        before = snapshot(work)
        command = shlex.split(case["command"].replace("@LONGKEY@", "y" * 100_000))
        try:
            done = subprocess.run([coachsim] + command, cwd=work, capture_output=True, text=True,
                                  errors="replace", timeout=120, env=dict(os.environ, COACHSIM_NO_PROGRESS="1"))
        except subprocess.TimeoutExpired:
            return ["timed out after 120 s (the input was not refused before work)"]
        after = snapshot(work)
    problems = []
    stderr = done.stderr
    if done.returncode != case["exit"]:
        problems.append(f"exit {done.returncode}, expected {case['exit']}")
    if case["expected"] not in stderr:
        problems.append(f"stderr lacks {case['expected']!r}")
    for raw in RAW_LIBRARY_TEXT:
        if raw in stderr:
            problems.append(f"stderr shows raw library text {raw!r}")
    added = sorted(set(after) - set(before))
    changed = sorted(name for name in before if before[name] != after.get(name))
    if added:
        problems.append("written: " + ", ".join(added))
    if changed:
        problems.append("changed or removed: " + ", ".join(changed))
    if problems:
        shown = stderr if len(stderr) < 2000 else stderr[:2000] + "..."
        problems.append("stderr was:\n" + shown)
    return problems


def main(argv):
    args = [a for a in argv[1:]]
    only = ""
    if "-k" in args:
        at = args.index("-k")
        only = args[at + 1]
        del args[at:at + 2]
    if not args:
        raise SystemExit(__doc__)
    coachsim = os.path.abspath(args[0])
    source = os.path.abspath(args[1]) if len(args) > 1 else os.path.dirname(os.path.dirname(HERE))
    cases = [c for c in read_cases(os.path.join(HERE, "expectations.tsv")) if only in c["id"]]
    failed = 0
    kinds = {}
    for case in cases:
        kinds[case["id"].split(".")[0]] = kinds.get(case["id"].split(".")[0], 0) + 1
        problems = run_case(coachsim, source, case)
        if problems:
            failed += 1
            print(f"FAIL {case['id']} (expectations.tsv:{case['line']}): coachsim {case['command'][:200]}")
            for problem in problems:
                print("    " + problem.replace("\n", "\n    "))
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"{len(cases) - failed} of {len(cases)} bad-input cases refused as promised ({summary})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
