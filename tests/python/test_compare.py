"""`coachsim compare`: designs on common random numbers, paired differences, the compare file, its figures,
and `inspect` / `sweep --csv` on the files the other commands write."""
import json
import os
import subprocess
import sys

import h5py
import pytest

from conftest import SOURCE_DIR, run_coachsim

TRAINING = ["scenarios/contrasts/training_12h.toml", "scenarios/contrasts/training_36h.toml"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def training(coachsim_bin, tmp_path_factory):
    d = tmp_path_factory.mktemp("compare")
    result = run_coachsim(coachsim_bin, "compare", *TRAINING, "-o", d / "training.h5", "--summary-json",
                          d / "training.json", "--csv", d / "training.csv", "--plot", d / "figures")
    return d, result.stdout, json.loads((d / "training.json").read_text())


def width(interval):
    lo, hi = interval["ci95"]
    return hi - lo


def test_paired_difference_is_narrower_than_either_design(training):
    _, stdout, summary = training
    first, second = summary["designs"]
    assert first["paired_difference"] is None
    for key in ("itt_change_difference", "itt_change_treated"):
        paired = second["paired_difference"][key]
        assert width(paired) < width(first["statistics"][key]) / 5, key
        assert width(paired) < width(second["statistics"][key]) / 5, key
    # 36 hours of training give coached patients a larger drop, and the interval says so.
    assert second["paired_difference"]["itt_change_difference"]["ci95"][1] < 0
    # Common random numbers: the usual-care arm is untouched by the coaches' training, replicate by replicate.
    assert second["paired_difference"]["itt_change_reference"]["ci95"] == [0, 0]
    assert "Paired differences to training_12h" in stdout
    assert "ITT difference (coached - usual_care)" in stdout


def test_compare_file_has_a_design_dimension(training):
    d, _, summary = training
    with h5py.File(d / "training.h5", "r") as f:
        conventions = f.attrs["Conventions"]
        assert (conventions.decode() if isinstance(conventions, bytes) else conventions) == "coachsim-compare-1"
        assert [n.decode() if isinstance(n, bytes) else n for n in f["design"][()]] == ["training_12h", "training_36h"]
        assert f["hba1c_true_mean"].shape[:2] == (2, summary["replicates"])
        assert f["stat_itt_change_difference"].shape == (2, summary["replicates"])
    csv = (d / "training.csv").read_text().splitlines()
    assert csv[0].startswith("design,title,statistic")
    assert any(",paired_difference," in line for line in csv)


def test_compare_figures(training):
    d, stdout, _ = training
    for stem in ("compare_trajectory", "cost_effect"):
        png = d / "figures" / f"{stem}.png"
        assert png.read_bytes().startswith(PNG_SIGNATURE)
        assert png.stat().st_size > 20000
    assert "figures:" in stdout


def test_inspect_compare_file(coachsim_bin, training):
    d, _, _ = training
    out = run_coachsim(coachsim_bin, "inspect", d / "training.h5").stdout
    assert "kind: compare" in out and "Paired differences to training_12h" in out


@pytest.mark.parametrize("args,message", [
    (["scenarios/default.toml"], "at least two"),
    (["scenarios/default.toml", "scenarios/county.toml"], "same arms"),
])
def test_compare_refuses(coachsim_bin, tmp_path, args, message):
    result = run_coachsim(coachsim_bin, "compare", *args, "-o", tmp_path / "x.h5", check=False)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_sweep_prints_and_writes_the_point_table(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "sweep", "scenarios/sweeps/small.toml", "-o", tmp_path / "s.h5", "--csv",
                          tmp_path / "s.csv")
    assert "Per point: means over replicates" in result.stdout
    rows = (tmp_path / "s.csv").read_text().splitlines()
    assert rows[0].startswith("point,program.caseload,program.phone_contacts_per_month,")
    assert len(rows) == 1 + 4
    out = run_coachsim(coachsim_bin, "inspect", tmp_path / "s.h5").stdout
    assert "kind: sweep" in out and "Per point" in out


def test_inspect_calibration_file(coachsim_bin, tmp_path):
    run_coachsim(coachsim_bin, "calibrate", "tests/app/calibration/toy.calibration.toml", "-o", tmp_path / "c.h5")
    out = run_coachsim(coachsim_bin, "inspect", tmp_path / "c.h5").stdout
    assert "kind: calibration" in out and "coaching.advisor_effect = " in out


def test_inspect_refuses_foreign_files(coachsim_bin, tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f.attrs["title"] = "something else"
    for name in ("notes.txt", "other.h5"):
        result = run_coachsim(coachsim_bin, "inspect", tmp_path / name, check=False)
        assert result.returncode == 2 and "HDF5" not in result.stderr.split(":", 1)[0], result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
