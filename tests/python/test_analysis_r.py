"""analysis/R/plot_trajectory.R: reads a real results file with hdf5r and draws the HbA1c trajectory PNG.

Skipped when Rscript or the hdf5r package is missing (cmake/bootstrap.sh with COACHSIM_BOOTSTRAP_EXTRAS=r installs
r-base-core and r-cran-hdf5r).
"""
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import coachsim_binary

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "analysis" / "R" / "plot_trajectory.R"


def rscript():
    exe = shutil.which("Rscript")
    if exe is None:
        pytest.skip("Rscript is not installed")
    probe = subprocess.run([exe, "-e", "suppressPackageStartupMessages(library(hdf5r))"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("the R package hdf5r is not installed")
    return exe




def test_analysis_r_plot_trajectory(tmp_path):
    exe = rscript()
    results = tmp_path / "run.h5"
    proc = subprocess.run([coachsim_binary(), "run", "scenarios/default.toml", "-o", str(results), "--replicates",
                           "10", "--force"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "figs" / "trajectory_r.png"
    out.parent.mkdir()
    proc = subprocess.run([exe, str(SCRIPT), str(results), str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height >= 700, (width, height)
    # default output path (next to the results file) and another (replicate, arm, week) variable
    proc = subprocess.run([exe, str(SCRIPT), str(results)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "hba1c_trajectory.png").stat().st_size > 20000
    proc = subprocess.run([exe, str(SCRIPT), str(results), str(tmp_path / "measured.png"), "hba1c_measured_mean"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "measured.png").stat().st_size > 20000


def test_analysis_r_rejects_other_files(tmp_path):
    exe = rscript()
    import h5py
    path = tmp_path / "sweep.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Conventions"] = "coachsim-sweep-1"
    proc = subprocess.run([exe, str(SCRIPT), str(path), str(tmp_path / "x.png")], capture_output=True, text=True)
    assert proc.returncode != 0 and "coachsim-1" in proc.stderr
    proc = subprocess.run([exe, str(SCRIPT)], capture_output=True, text=True)
    assert proc.returncode == 2 and "usage" in proc.stdout
