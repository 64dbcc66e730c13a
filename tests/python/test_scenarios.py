"""Every scenario in scenarios/ (and scenarios/contrasts/, scenarios/designs/) validates and runs."""
import pathlib

import pytest

from conftest import SOURCE_DIR, run_coachsim

SCENARIOS = sorted(p.relative_to(SOURCE_DIR) for p in
                   list((SOURCE_DIR / "scenarios").glob("*.toml")) +
                   list((SOURCE_DIR / "scenarios" / "contrasts").glob("*.toml")) +
                   list((SOURCE_DIR / "scenarios" / "designs").glob("*.toml")))
DESIGNS = [s for s in SCENARIOS if s.parts[1] == "designs"]


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


@pytest.mark.parametrize("scenario", DESIGNS, ids=str)
def test_a_design_is_headed_by_the_facts_it_encodes_and_their_source(scenario):
    header = []
    for line in (SOURCE_DIR / scenario).read_text().splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    assert "Design" in text and ("Source:" in text or "Design family:" in text), text
