"""Every scenario in scenarios/ (and scenarios/contrasts/) validates and runs."""
import pathlib

import pytest

from conftest import SOURCE_DIR, run_coachsim

SCENARIOS = sorted(p.relative_to(SOURCE_DIR) for p in
                   list((SOURCE_DIR / "scenarios").glob("*.toml")) +
                   list((SOURCE_DIR / "scenarios" / "contrasts").glob("*.toml")))


def test_the_library_is_not_empty():
    assert pathlib.Path("scenarios/default.toml") in SCENARIOS
    assert len(SCENARIOS) >= 12


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_scenario_validates_and_runs(coachsim_bin, scenario, tmp_path):
    first_line = (SOURCE_DIR / scenario).read_text().splitlines()[0]
    assert first_line.startswith("#"), "each scenario starts with a comment saying which question it answers"
    run_coachsim(coachsim_bin, "validate", scenario)
    result = run_coachsim(coachsim_bin, "run", scenario, "--replicates", 2, "-o", tmp_path / "out.h5")
    assert "difference" in result.stdout
    assert (tmp_path / "out.h5").exists()
