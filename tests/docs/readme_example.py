#!/usr/bin/env python3
"""README.md's example output is the program's real output. Runs the quick-start command's scenario
and compares its summary with the block between the README's example-output markers; with --write
it replaces the block instead.

    readme_example.py COACHSIM [--write]
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- example-output:begin -->", "<!-- example-output:end -->"


def program_output(coachsim):
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([coachsim, "run", "scenarios/default.toml", "-o", f"{tmp}/default.h5"],
                                cwd=ROOT, capture_output=True, text=True, check=True)
    # The last line names the temporary file and the wall time, which differ from run to run.
    lines = [line for line in result.stdout.splitlines() if not line.startswith("results: ")]
    return "\n".join(lines).strip() + "\n"


def main():
    coachsim, write = sys.argv[1], "--write" in sys.argv[2:]
    readme = (ROOT / "README.md").read_text()
    pattern = re.compile(re.escape(BEGIN) + r"\n```\n(.*?)```\n" + re.escape(END), re.S)
    found = pattern.search(readme)
    if not found:
        sys.exit(f"README.md: no example block between {BEGIN} and {END}")
    actual = program_output(coachsim)
    if write:
        (ROOT / "README.md").write_text(readme[:found.start(1)] + actual + readme[found.end(1):])
        return
    if found.group(1) != actual:
        print("README.md's example output differs from the program's:\n--- README\n" + found.group(1) +
              "--- coachsim run\n" + actual +
              "regenerate: tests/docs/readme_example.py build/release/app/coachsim --write", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
