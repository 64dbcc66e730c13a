"""Programs over years (docs/model.md §7.5, §7.10): intention-to-treat accounting, durability after a
program ends, usual-care drift inside the brief's range, and 20-year runs of every shipped scenario
with no NaN and no summary from too few replicates."""
import json
from pathlib import Path

import h5py
import numpy as np
import pytest

from conftest import run_coachsim

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").rglob("*.toml")
                   if "sweeps" not in p.parts and not p.name.endswith((".targets.toml", ".calibration.toml")))


@pytest.fixture(scope="module")
def ten_years(coachsim_bin, tmp_path_factory):
    """The default 6-month program followed for 10 years, usual care beside it."""
    out = tmp_path_factory.mktemp("ten_years") / "ten_years.h5"
    run_coachsim(coachsim_bin, "run", "--replicates", 40, "-o", out, "--set", "run.weeks=520",
                 "--set", "run.followup_week=520", "--set", "population.enrolled=1000", "--set", "coaches.count=80")
    with h5py.File(out, "r") as f:
        arms = [a.decode() if isinstance(a, bytes) else a for a in f["arm"][()]]
        true_mean = f["hba1c_true_mean"][()]  # replicate, arm, week
    coached, usual = arms.index("coached"), arms.index("usual_care")
    return true_mean[:, coached, :], true_mean[:, usual, :]


def test_after_a_six_month_program_the_difference_halves_within_a_year_and_is_gone_at_ten_years(ten_years):
    coached, usual = ten_years
    difference = (coached - usual).mean(axis=0)
    assert difference[26] < -0.3, "the program works at 6 months"
    assert abs(difference[78]) <= 0.5 * abs(difference[26]), (difference[26], difference[78])
    assert abs(difference[520]) < 0.1, difference[520]


def test_usual_care_drifts_up_inside_the_briefs_range_after_the_enrolment_year(ten_years):
    _, usual = ten_years
    years = np.arange(usual.shape[1]) / 52.0
    after_first_year = years >= 1.0
    slope = np.polyfit(years[after_first_year], usual.mean(axis=0)[after_first_year], 1)[0]
    assert 0.05 <= slope <= 0.2, slope


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT / "scenarios")))
def test_twenty_years_of_every_shipped_scenario_give_no_nan(coachsim_bin, tmp_path, scenario):
    # Two replicates, and summaries allowed to rest on two: a NaN shows in any replicate, and the county
    # scenario (20,000 patients) takes 20 s for two replicates over 20 years.
    out, summary = tmp_path / "run.h5", tmp_path / "summary.json"
    run_coachsim(coachsim_bin, "run", scenario, "--replicates", 2, "-o", out, "--summary-json", summary,
                 "--set", "run.weeks=1040", "--set", "run.followup_week=1040", "--set", "output.min_replicates=2")
    with h5py.File(out, "r") as f:
        for name in ("hba1c_true_mean", "itt_change_mean", "itt_change_true_mean", "n_alive", "alive_share"):
            assert not np.isnan(f[name][()]).any(), name
    arms = json.loads(summary.read_text())["arms"]
    for arm in arms.values():
        assert arm["itt_change_mean"] is not None and np.isfinite(arm["itt_change_mean"])


def test_a_summary_from_too_few_replicates_is_refused_with_a_note(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "--replicates", 3, "-o", tmp_path / "few.h5")
    assert "not estimable (3 replicates)" in result.stdout
    assert "rests on 3 of 3 replicates (minimum 5)" in result.stdout
