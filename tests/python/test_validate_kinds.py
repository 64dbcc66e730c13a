"""coachsim validate on every input kind: scenario, sweep, targets and calibration files are read by one
front end, so a misspelt key gets the same message everywhere (file:line:col: key: ... did you mean ...)."""
import re

import pytest

from conftest import run_coachsim

SCENARIO = 'schema_version = 1\n\n[program]\ncaseloda = 8\n'
SWEEP = '''schema_version = 1
base = "{source}/scenarios/sweeps/base_small.toml"

[sweep]
replicates = 2
sed = 1
method = "grid"

[[axes]]
parameter = "program.caseload"
values = [8, 12]
'''
TARGETS = '''schema_version = 1
source = "Thom 2013"

[[targets]]
name = "retention"
statistic = "retention"
arm = "coached"
observd = 0.8
se = 0.05
week = 26
'''
CALIBRATION = '''schema_version = 1
scenario = "{source}/scenarios/validation/thom2013.toml"
targets = "{source}/scenarios/validation/thom2013.targets.toml"

[[parameters]]
name = "coaching.advisor_effect"
min = 0.01
max = 0.1

[search]
global_points = 4
local_starts = 1
local_evaluations = 4
algoritm = "bobyqa"
replicates = 8
seed = 1
'''

# kind: (text, line:col of the misspelt key, the key as written, the suggestion)
CASES = {
    "scenario": (SCENARIO, "4:1", "program.caseloda", "program.caseload"),
    "sweep": (SWEEP, "6:1", "sweep.sed", "sweep.seed"),
    "targets": (TARGETS, "8:1", "targets[0].observd", "targets[0].observed"),
    "calibration": (CALIBRATION, "14:1", "search.algoritm", "search.algorithm"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_misspelt_key_has_one_wording_in_every_kind(coachsim_bin, source_dir, tmp_path, kind):
    text, at, key, suggestion = CASES[kind]
    bad = tmp_path / f"bad_{kind}.toml"
    bad.write_text(text.format(source=source_dir))
    result = run_coachsim(coachsim_bin, "validate", bad, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    expected = f"{bad}:{at}: {key}: unknown key '{key}'; did you mean '{suggestion}'?"
    assert expected in result.stderr.splitlines(), result.stderr
    # The one shape: file:line:col: key: message, for every line but the count.
    lines = result.stderr.splitlines()
    assert all(re.match(rf"^{re.escape(str(bad))}:\d+:\d+: [\w.\[\]]+: ", line) for line in lines[:-1]), lines
    assert lines[-1].endswith("; nothing written")
    assert list(tmp_path.iterdir()) == [bad]  # nothing written


def test_the_kind_is_told_by_the_content_or_by_kind(coachsim_bin, source_dir):
    files = {
        "scenario": source_dir / "scenarios" / "default.toml",
        "sweep": source_dir / "scenarios" / "sweeps" / "small.toml",
        "targets": source_dir / "scenarios" / "validation" / "thom2013.targets.toml",
        "calibration": source_dir / "scenarios" / "validation" / "thom2013.calibration.toml",
    }
    result = run_coachsim(coachsim_bin, "validate", *files.values())
    assert result.stdout.splitlines() == [f"{path}: {kind} ok" for kind, path in files.items()]
    forced = run_coachsim(coachsim_bin, "validate", "--kind", "targets", files["scenario"], check=False)
    assert forced.returncode == 2
    assert f"{files['scenario']}:1:1: source: missing required key" in forced.stderr


def test_every_kind_has_a_reference(coachsim_bin):
    for kind in ("scenario", "sweep", "targets", "calibration"):
        result = run_coachsim(coachsim_bin, "validate", "--reference", kind)
        assert "schema_version" in result.stdout
