#!/usr/bin/env python3
"""README.md's figure (docs/figures/hba1c_trajectory.png) is drawn from the program's real output. Runs the
quick-start scenario, draws the figure with the analysis package and compares what it plots (the weekly means and
95% ranges by arm, docs/figures/hba1c_trajectory.csv, 4 decimals) with the checked-in data; with --write it
replaces the figure and its data instead. Comparing the plotted data, not the PNG bytes, keeps the check
independent of the matplotlib version.

    readme_figure.py COACHSIM [--write]
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURE = ROOT / "docs" / "figures" / "hba1c_trajectory.png"
DATA = FIGURE.with_suffix(".csv")
sys.path.insert(0, str(ROOT / "analysis"))


def main():
    coachsim, write = sys.argv[1], "--write" in sys.argv[2:]
    from coachsim_analysis import plots, results
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MPLBACKEND="Agg")
        subprocess.run([coachsim, "run", "scenarios/default.toml", "-o", f"{tmp}/default.h5", "--plot", f"{tmp}/fig"],
                       cwd=ROOT, capture_output=True, text=True, check=True, env=env)
        table = plots.trajectory_table(results.load(f"{tmp}/default.h5"), "hba1c_true_mean")
        actual = table.round(4).to_csv(index=False, float_format="%.4f")
        if write:
            shutil.copyfile(f"{tmp}/fig/hba1c_trajectory.png", FIGURE)
            DATA.write_text(actual)
            print(f"wrote {FIGURE.relative_to(ROOT)} and {DATA.relative_to(ROOT)}")
            return 0
    expected = DATA.read_text() if DATA.exists() else ""
    if expected != actual:
        print(f"{FIGURE.relative_to(ROOT)} is stale: the program now plots other data than "
              f"{DATA.relative_to(ROOT)}.\nregenerate: python3 tests/docs/readme_figure.py build/release/app/coachsim "
              f"--write")
        return 1
    print("README figure matches the program's output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
