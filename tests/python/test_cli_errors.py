"""One error boundary for every command: the same mistake gets the same message and exit status
whichever command makes it (2 for input the user can fix), and `coachsim plan` lists the weekly
phases as models/weekly_step.cpp declares them."""
import re

import pytest

from conftest import run_coachsim

EXIT_INVALID_INPUT = 2


@pytest.fixture(scope="module")
def shard(coachsim_bin, source_dir, tmp_path_factory):
    """A real shard file (one run of the small sweep), for merge."""
    path = tmp_path_factory.mktemp("shard") / "part-0.shard"
    run_coachsim(coachsim_bin, "sweep", source_dir / "scenarios" / "sweeps" / "small.toml", "--shard", "0/20",
                 "-o", path)
    return path


def output_exists_commands(source_dir, shard):
    return {
        "run": ["run", "--replicates", "2"],
        "sweep": ["sweep", source_dir / "scenarios" / "sweeps" / "small.toml"],
        "merge": ["merge", shard],
        "calibrate": ["calibrate", source_dir / "tests" / "app" / "calibration" / "toy.calibration.toml"],
    }


@pytest.mark.parametrize("command", ["run", "sweep", "merge", "calibrate"])
def test_an_existing_output_is_refused_alike_by_every_command(coachsim_bin, source_dir, shard, tmp_path, command):
    existing = tmp_path / "existing.h5"
    existing.write_text("keep me")
    args = output_exists_commands(source_dir, shard)[command]
    result = run_coachsim(coachsim_bin, *args, "-o", existing, check=False)
    assert result.returncode == EXIT_INVALID_INPUT, result.stderr
    assert result.stderr == f"coachsim: {existing} exists; pass --force to overwrite\n"
    assert existing.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.h5"]  # nothing else written


def test_user_mistakes_exit_2_with_one_line(coachsim_bin, tmp_path):
    missing = tmp_path / "missing.h5"
    for args in (["inspect", missing], ["merge", tmp_path / "no.shard", "-o", tmp_path / "out.h5"],
                 ["check", "only-one-file.toml"]):
        result = run_coachsim(coachsim_bin, *args, check=False)
        assert result.returncode == EXIT_INVALID_INPUT, (args, result.stderr)
        assert result.stderr.startswith("coachsim: ") and result.stderr.count("\n") == 1, result.stderr
        assert "error:" not in result.stderr  # "coachsim: error:" marks failures that are not the user's


def test_a_file_that_is_not_a_shard_is_an_input_error(coachsim_bin, tmp_path):
    junk = tmp_path / "junk.shard"
    junk.write_text("not a shard")
    result = run_coachsim(coachsim_bin, "merge", junk, "-o", tmp_path / "out.h5", check=False)
    assert result.returncode == EXIT_INVALID_INPUT
    assert result.stderr == f"coachsim: {junk} is not a coachsim sweep journal or shard\n"


def declared_phases(source_dir):
    """(name, kind, description) of each phase, in the order models/weekly_step.cpp adds them."""
    text = (source_dir / "models" / "weekly_step.cpp").read_text()
    pattern = re.compile(r'\.add_(population|per_agent)\(\s*"(\w+)",\s*"([^"]*)"')
    return [(name, "population" if kind == "population" else "per agent", description)
            for kind, name, description in pattern.findall(text)]


def test_plan_lists_the_weekly_phases_in_declared_order(coachsim_bin, source_dir):
    result = run_coachsim(coachsim_bin, "plan")
    lines = result.stdout.splitlines()
    phases = declared_phases(source_dir)
    assert len(phases) > 10
    assert lines[0] == f"scenarios/default.toml: {len(phases)} phases, run in this order every week for 26 weeks"
    listed = [re.match(r"\s*(\d+)  (\w+)\s+(population|per agent)\s+(.*)$", line) for line in lines[2:]]
    assert all(listed), lines
    assert [int(m.group(1)) for m in listed] == list(range(1, len(phases) + 1))
    assert [(m.group(2), m.group(3), m.group(4)) for m in listed] == phases


def test_plan_reads_the_scenario_it_is_given(coachsim_bin, tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text("schema_version = 1\n[run]\nweeks = 40\n")
    result = run_coachsim(coachsim_bin, "plan", scenario)
    assert result.stdout.startswith(f"{scenario}: ") and "every week for 40 weeks" in result.stdout
    scenario.write_text("schema_version = 1\n[run]\nweeks = \"ten\"\n")
    result = run_coachsim(coachsim_bin, "plan", scenario, check=False)
    assert result.returncode == EXIT_INVALID_INPUT and f"{scenario}:3:" in result.stderr
