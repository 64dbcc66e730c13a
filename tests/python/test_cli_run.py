"""coachsim run / validate / inspect from the outside: summary JSON shape, result files that
xarray opens with named dimensions, atomic writes, and errors that name file, line and key."""
import json
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import run_coachsim

SHARE_KEYS = ("share_drop_ge1", "share_below", "retention")


@pytest.fixture(scope="module")
def default_run(coachsim_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    run_coachsim(coachsim_bin, "run", "--replicates", 12, "-o", out / "default.h5",
                 "--summary-json", out / "summary.json")
    return out


def test_summary_json_has_the_documented_shape(default_run):
    summary = json.loads((default_run / "summary.json").read_text())
    for key in ("scenario", "seed", "replicates", "weeks", "arms", "program", "contrast"):
        assert key in summary
    assert summary["replicates"] == 12 and summary["weeks"] == 26
    assert set(summary["arms"]) == {"coached", "usual_care"}
    for arm in summary["arms"].values():
        for key in ("n_enrolled", "n_completed", "baseline_hba1c_mean", "change_mean", "change_mean_ci95"):
            assert key in arm
        lo, hi = arm["change_mean_ci95"]
        assert lo <= arm["change_mean"] <= hi
        trial_lo, trial_hi = arm["change_ci95_within_trial"]
        assert trial_lo < arm["change_mean"] < trial_hi
        for key in SHARE_KEYS:
            assert 0.0 <= arm[key] <= 1.0
        assert arm["baseline_hba1c_mean"] > 8.0  # enrolled on measured HbA1c >= 8
    for key in ("coaches_n", "coach_attrition", "coach_hba1c_change_mean"):
        assert key in summary["program"]
    assert 0.0 <= summary["program"]["coach_attrition"] <= 1.0
    assert summary["contrast"]["treated"] == "coached"


def test_xarray_sees_named_dimensions_coordinates_and_units(default_run):
    with xr.open_dataset(default_run / "default.h5", engine="h5netcdf") as ds:
        assert ds["hba1c_true_mean"].dims == ("replicate", "arm", "week")
        assert list(ds["arm"].values) == ["coached", "usual_care"]
        assert ds.sizes["week"] == 27 and ds.sizes["replicate"] == 12
        assert ds["hba1c_true_mean"].attrs["units"] == "%"
        assert ds["coaches_active"].dims == ("replicate", "week")
        assert ds["hba1c_true_quantiles"].dims == ("replicate", "arm", "week", "quantile")
        assert ds.attrs["seed"] == 20130101
        # week 0 is enrolment: nobody has dropped out yet
        assert np.all(ds["retained_share"].sel(week=0).values == 1.0)


def test_inspect_prints_provenance_and_the_same_summary(coachsim_bin, default_run):
    result = run_coachsim(coachsim_bin, "inspect", default_run / "default.h5")
    assert "git_commit" in result.stdout and "coached" in result.stdout and "usual_care" in result.stdout


def test_profile_times_every_phase_and_leaves_the_results_unchanged(coachsim_bin, default_run, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "--replicates", 12, "--profile", "-o", tmp_path / "profiled.h5",
                          "--summary-json", tmp_path / "summary.json")
    table = result.stdout.split("Time by phase")[1]
    rows = {line.split()[0]: line.split() for line in table.splitlines()[2:] if line.startswith("  ")}
    for phase in ("population", "record", "contact", "patient_clinical", "coach_attrition", "care_exits",
                  "usual_care_counterfactual", "total"):
        assert phase in rows, phase
    seconds = [float(row[1]) for name, row in rows.items() if name != "total"]
    assert abs(sum(seconds) - float(rows["total"][1])) < 0.01
    assert (tmp_path / "summary.json").read_text() == (default_run / "summary.json").read_text().replace(
        str(default_run / "default.h5"), str(tmp_path / "profiled.h5"))


def test_stored_scenario_reruns_to_identical_results(coachsim_bin, default_run, tmp_path):
    with h5py.File(default_run / "default.h5", "r") as f:
        scenario = f.attrs["scenario"]
        scenario = scenario.decode() if isinstance(scenario, bytes) else scenario
    (tmp_path / "stored.toml").write_text(scenario)
    run_coachsim(coachsim_bin, "run", tmp_path / "stored.toml", "-o", tmp_path / "again.h5")
    with h5py.File(default_run / "default.h5", "r") as a, h5py.File(tmp_path / "again.h5", "r") as b:
        names = [n for n in a if isinstance(a[n], h5py.Dataset)]
        assert len(names) > 20
        for name in names:
            np.testing.assert_array_equal(a[name][()], b[name][()], err_msg=name)


def test_existing_output_is_refused_without_force(coachsim_bin, default_run):
    result = run_coachsim(coachsim_bin, "run", "--replicates", 2, "-o", default_run / "default.h5", check=False)
    assert result.returncode == 2
    assert "--force" in result.stderr


def test_misspelt_key_gets_file_line_and_did_you_mean(coachsim_bin, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n\n[program]\ncaseloda = 8\n')
    result = run_coachsim(coachsim_bin, "run", bad, "-o", tmp_path / "out.h5", check=False)
    assert result.returncode == 2
    assert f"{bad}:4:1" in result.stderr
    assert "program.caseloda" in result.stderr and "did you mean 'program.caseload'" in result.stderr
    assert not (tmp_path / "out.h5").exists()
    assert list(tmp_path.iterdir()) == [bad]  # nothing written


def test_all_problems_are_reported_at_once(coachsim_bin, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n[run]\nweeks = "ten"\n[coaches]\ncount = -3\n[program]\nmatching = "zodiac"\n')
    result = run_coachsim(coachsim_bin, "validate", bad, check=False)
    assert result.returncode == 2
    assert f"{bad}:3:" in result.stderr and "run.weeks" in result.stderr
    assert f"{bad}:5:" in result.stderr and "coaches.count" in result.stderr
    assert f"{bad}:7:" in result.stderr and "program.matching" in result.stderr


def test_set_overrides_are_validated_like_file_values(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "--set", "program.caseload=0", "-o", tmp_path / "x.h5", check=False)
    assert result.returncode == 2
    assert "--set:1:1: program.caseload" in result.stderr
    assert not (tmp_path / "x.h5").exists()


def test_cross_field_rule_names_the_key(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "--set", "eligibility.hba1c_min=12", "--set", "eligibility.hba1c_max=10",
                          "-o", tmp_path / "x.h5", check=False)
    assert result.returncode == 2
    assert "eligibility.hba1c_min" in result.stderr and "must be below" in result.stderr


def test_a_killed_run_leaves_no_final_file(coachsim_bin, source_dir, tmp_path):
    out = tmp_path / "county.h5"
    process = subprocess.Popen([coachsim_bin, "run", source_dir / "scenarios" / "county.toml", "--replicates", "4",
                                "-o", out], cwd=source_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    assert process.poll() is None, "the run finished before it could be killed; use a longer one"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not out.exists()


def test_validate_prints_ok(coachsim_bin, source_dir):
    result = run_coachsim(coachsim_bin, "validate", source_dir / "scenarios" / "default.toml")
    assert result.stdout.strip().endswith("ok")


def test_plot_flag_draws_the_figure_set(coachsim_bin, tmp_path):
    run_coachsim(coachsim_bin, "run", "--replicates", 4, "-o", tmp_path / "r.h5", "--plot", tmp_path / "figures")
    pngs = sorted(p.name for p in (tmp_path / "figures").glob("*.png"))
    assert "hba1c_trajectory.png" in pngs and len(pngs) >= 4
    assert all((tmp_path / "figures" / name).stat().st_size > 10_000 for name in pngs)


def test_patient_table_matches_the_arm_summaries(coachsim_bin, tmp_path):
    run_coachsim(coachsim_bin, "run", "--replicates", 3, "--set", "output.patient_table=true", "-o", tmp_path / "p.h5")
    with xr.open_dataset(tmp_path / "p.h5", engine="h5netcdf") as ds:
        assert ds["patient_followup_hba1c"].dims == ("replicate", "patient")
        for r in range(3):
            for a in range(ds.sizes["arm"]):
                in_arm = ds["patient_arm"].values[r] == a
                done = in_arm & (ds["patient_completed"].values[r] == 1)
                assert in_arm.sum() == ds["n_enrolled"].values[r, a]
                change = (ds["patient_followup_hba1c"].values[r] - ds["patient_baseline_hba1c"].values[r])[done]
                np.testing.assert_allclose(change.mean(), ds["change_mean"].values[r, a], rtol=1e-5)
