"""coachsim psa: probabilistic sensitivity analysis as a sweep of declared parameter distributions, its report,
and the analysis package's cost-effectiveness plane and acceptability curve."""
import json
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from conftest import coachsim_binary

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))

from coachsim_analysis import economics  # noqa: E402


def coachsim(*args, check=True):
    result = subprocess.run([coachsim_binary(), *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"coachsim {' '.join(map(str, args))} -> {result.returncode}\n{result.stderr}")
    return result


def test_psa_without_uncertainty_equals_a_plain_run(tmp_path):
    # Every draw is the scenario itself, and every draw runs the run's replicates: the same numbers.
    coachsim("psa", "scenarios/default.toml", "--draws", 2, "--replicates", 3, "--uncertainty", 0,
             "-o", tmp_path / "psa.h5")
    coachsim("run", "scenarios/default.toml", "--replicates", 3, "-o", tmp_path / "run.h5")
    with h5py.File(tmp_path / "psa.h5") as psa, h5py.File(tmp_path / "run.h5") as run:
        for name in ("incremental_cost", "incremental_qalys", "cost_total", "qalys", "itt_change_mean"):
            for point in range(2):
                np.testing.assert_array_equal(psa[name][point], run[name][:], err_msg=name)


def test_psa_reports_cost_effectiveness_and_writes_its_sweep_file(tmp_path):
    out = coachsim("psa", "scenarios/default.toml", "--draws", 8, "--replicates", 2, "-o", tmp_path / "p.h5",
                   "--summary-json", tmp_path / "p.json")
    assert "probabilistic sensitivity analysis: 8 draws" in out.stdout
    assert "probability cost-effective" in out.stdout
    sweep = (tmp_path / "p.sweep.toml").read_text()
    assert 'distribution = "beta"' in sweep and "points = 8" in sweep
    summary = json.loads((tmp_path / "p.json").read_text())
    assert summary["draws"] == 8 and summary["replicates"] == 2
    assert summary["incremental_qalys"]["sd_parameters"] > 0
    curve = summary["acceptability_curve"]
    assert curve[0]["wtp"] == 0 and all(0 <= c["probability_cost_effective"] <= 1 for c in curve)
    # The same draws run again as an ordinary sweep (shards, MPI, resume) give the same file's numbers.
    coachsim("sweep", tmp_path / "p.sweep.toml", "-o", tmp_path / "again.h5")
    with h5py.File(tmp_path / "p.h5") as a, h5py.File(tmp_path / "again.h5") as b:
        np.testing.assert_array_equal(a["incremental_cost"][:], b["incremental_cost"][:])
    # The analysis package: draws, the acceptability curve and both figures.
    draws = economics.psa_draws(tmp_path / "p.h5")
    assert len(draws) == 8
    curve = economics.acceptability(draws, [0, 50_000, 1e9])
    assert curve["probability"].between(0, 1).all()
    written = economics.plot_economics(tmp_path / "p.h5", tmp_path / "figs")
    assert sorted(Path(p).name for p in written) == ["acceptability_curve.png", "ce_plane.png"]


def test_sharded_psa_merges_and_reports_like_a_whole_one(tmp_path):
    common = ("psa", "scenarios/default.toml", "--draws", 4, "--replicates", 2)
    whole = coachsim(*common, "-o", tmp_path / "whole.h5").stdout
    for k in range(2):
        coachsim(*common, "--shard", f"{k}/2", "-o", tmp_path / f"part{k}.shard")
    coachsim("merge", tmp_path / "part0.shard", tmp_path / "part1.shard", "-o", tmp_path / "merged.h5")
    merged = coachsim("psa", "scenarios/default.toml", "--report", "-o", tmp_path / "merged.h5").stdout
    report = whole[whole.index("probabilistic sensitivity analysis"):]
    assert merged.strip().endswith(report.strip())


def test_psa_refuses_bad_arguments_before_running(tmp_path):
    bad = coachsim("psa", "scenarios/default.toml", "--draws", 0, "-o", tmp_path / "x.h5", check=False)
    assert bad.returncode == 2 and "--draws" in bad.stderr
    assert not (tmp_path / "x.h5").exists()
    large = coachsim("psa", "scenarios/default.toml", "--draws", 5_000_000, "-o", tmp_path / "y.h5", check=False)
    assert large.returncode == 2 and not (tmp_path / "y.h5").exists()


def test_run_files_carry_the_economics_and_its_figures(tmp_path):
    coachsim("run", "scenarios/default.toml", "--replicates", 3, "-o", tmp_path / "run.h5")
    group = economics.economics_group(tmp_path / "run.h5")
    assert group["qalys_by_year"].dims == ("arm", "year")
    assert group["cost_by_year"].shape[1] == len(economics.COST_CATEGORIES)
    written = economics.plot_economics(tmp_path / "run.h5", tmp_path / "figs")
    assert sorted(Path(p).name for p in written) == ["cost_breakdown.png", "qaly_trajectory.png"]
