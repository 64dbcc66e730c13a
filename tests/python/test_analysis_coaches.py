"""coachsim_analysis's coach and patient tables (output.coach_table, output.patient_table) on a real run: the
tables, their join, the trait regression and its figure.

Runs the real simulator (COACHSIM_BIN, set by the ctest analysis.pytest) on scenarios/default.toml.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import coachsim_binary

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))

import coachsim_analysis as ca  # noqa: E402

REPLICATES = 40


@pytest.fixture(scope="module")
def tables_h5(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "default.h5"
    proc = subprocess.run([coachsim_binary(), "run", "scenarios/default.toml", "-o", str(out), "--replicates",
                           str(REPLICATES), "--force", "--set", "output.coach_table=true", "--set",
                           "output.patient_table=true"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return out


def test_coach_table_has_a_row_per_replicate_and_founding_coach(tables_h5):
    coaches = ca.coach_table(tables_h5)
    assert len(coaches) == REPLICATES * 23
    for column in ("distress", "self_efficacy", "depressed", "patients", "contacts", "hours", "quit_week",
                   "own_effect_hba1c", "patients_change"):
        assert column in coaches.columns
    assert (coaches["patients"] > 0).all()


def test_patients_join_their_first_coach(tables_h5):
    joined = ca.patient_coach_table(tables_h5)
    coached = joined[joined["coach"] >= 0]
    assert not coached.empty
    assert coached["coach_distress"].notna().all()
    assert joined[joined["coach"] < 0]["coach_distress"].isna().all()
    per_coach = coached.groupby(["replicate", "coach"]).size()
    coaches = ca.coach_table(tables_h5).set_index(["replicate", "coach"])["patients"]
    assert (per_coach == coaches.loc[per_coach.index]).all()


def test_trait_regression_and_figure(tables_h5, tmp_path):
    fit = ca.trait_regression(ca.coach_table(tables_h5))
    assert list(fit.index) == ["intercept", "distress", "self_efficacy", "depressed"]
    assert fit.loc["intercept", "coefficient"] < 0  # patients improve on average
    fig = ca.fig_coach_traits(tables_h5)
    fig.savefig(tmp_path / "coach_traits.png")
    assert (tmp_path / "coach_traits.png").stat().st_size > 1000


def test_a_file_without_the_table_says_how_to_get_it(tmp_path):
    out = tmp_path / "plain.h5"
    subprocess.run([coachsim_binary(), "run", "scenarios/default.toml", "-o", str(out), "--replicates", "2"],
                   check=True, capture_output=True, cwd=ROOT)
    with pytest.raises(ca.ResultsError, match="output.coach_table"):
        ca.coach_table(out)


def test_reciprocal_peers_fill_the_coach_table_as_their_pairs_fall(tmp_path):
    # The pairs depend on randomization, so replicates have different numbers of founding coaches.
    out = tmp_path / "peers.h5"
    proc = subprocess.run([coachsim_binary(), "run", "scenarios/designs/reciprocal_peers_vs_nurse_care.toml", "-o",
                           str(out), "--replicates", "3", "--force", "--set", "output.coach_table=true"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    coaches = ca.coach_table(out)
    per_replicate = coaches.groupby("replicate").size()
    assert len(per_replicate) == 3 and (per_replicate > 0).all()
    assert coaches["distress"].notna().all(), "padding rows are left out"
