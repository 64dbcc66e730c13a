"""`python3 -m coachsim_analysis` on every shipped sweep and on a sweep over `program.training_hours`.

Each shipped sweep (scenarios/sweeps/*.toml with a [sweep] table) is run as it is shipped except for fewer
replicates (and, for sampled designs, fewer points), so the figures are drawn from a real file of the same layout:
same axes, same units, same design method. Units such as "hours" must stay numbers (xarray would decode them as
time spans), and bad input gives one line on stderr and exit status 2.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCE_DIR, run_coachsim

sys.path.insert(0, str(SOURCE_DIR / "analysis"))

import coachsim_analysis as ca  # noqa: E402

SHIPPED = sorted(p for p in (SOURCE_DIR / "scenarios" / "sweeps").glob("*.toml") if "[sweep]" in p.read_text())
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def analysis(*args, check=True):
    env = dict(os.environ, PYTHONPATH=str(SOURCE_DIR / "analysis"), MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-m", "coachsim_analysis", *map(str, args)], capture_output=True,
                            text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"coachsim_analysis {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result


def shrunk(sweep: Path, out_dir: Path, replicates: int = 2, points: int = 4) -> Path:
    """The shipped sweep with fewer replicates (and points), its base made absolute."""
    text = sweep.read_text()
    text = re.sub(r'(?m)^base\s*=\s*"([^"]+)"', lambda m: f'base = "{(sweep.parent / m.group(1)).resolve()}"', text)
    text = re.sub(r"(?m)^replicates\s*=\s*\d+", f"replicates = {replicates}", text)
    text = re.sub(r"(?m)^points\s*=\s*\d+", f"points = {points}", text)
    path = out_dir / sweep.name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def training_sweep(coachsim_bin, tmp_path_factory):
    d = tmp_path_factory.mktemp("training")
    sweep = d / "training.toml"
    sweep.write_text(f'schema_version = 1\nbase = "{SOURCE_DIR / "scenarios/sweeps/base_small.toml"}"\n'
                     '[sweep]\nreplicates = 3\nseed = 7\nmethod = "grid"\n'
                     '[[axes]]\nparameter = "program.training_hours"\nvalues = [12, 24, 36]\n')
    run_coachsim(coachsim_bin, "sweep", sweep, "-o", d / "training.h5")
    return d / "training.h5"


def test_analysis_hours_stay_numbers(training_sweep, tmp_path):
    ds = ca.load(training_sweep)
    hours = ds["program.training_hours"]
    assert hours.dtype.kind == "f", hours.dtype
    assert list(hours.values) == [12.0, 24.0, 36.0]
    assert hours.attrs["units"] == "hours"
    analysis("csv", training_sweep, "--table", "points", "-o", tmp_path / "points.csv")
    text = (tmp_path / "points.csv").read_text()
    assert "days" not in text
    assert "\n0,12.0," in text and "\n1,24.0," in text


def test_analysis_plots_training_hours_sweep(training_sweep, tmp_path):
    result = analysis("plot", training_sweep, "-o", tmp_path)
    written = [Path(line) for line in result.stdout.split()]
    assert written and all(p.read_bytes().startswith(PNG_SIGNATURE) for p in written)
    assert any(p.name == "sweep_change_difference.png" for p in written)


@pytest.mark.parametrize("sweep", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_analysis_plots_every_shipped_sweep(coachsim_bin, sweep, tmp_path):
    small = shrunk(sweep, tmp_path)
    run_coachsim(coachsim_bin, "sweep", small, "-o", tmp_path / "sweep.h5", "--threads", "2")
    result = analysis("plot", tmp_path / "sweep.h5", "-o", tmp_path / "figures", "--n-boot", "50")
    written = [Path(line) for line in result.stdout.split()]
    assert written, result.stdout
    assert all(p.read_bytes().startswith(PNG_SIGNATURE) for p in written if p.suffix == ".png")
    assert all(p.stat().st_size > 0 for p in written)
    if "saltelli" in sweep.read_text():
        assert any(p.name.startswith("sobol_") for p in written), written


def test_analysis_shipped_sweeps_found():
    assert {p.stem for p in SHIPPED} >= {"small", "levers_saltelli", "caseload_contacts", "boundaries_supervision"}


@pytest.mark.parametrize("args", [
    ("plot", "{missing}", "-o", "{tmp}"),
    ("plot", "{text}", "-o", "{tmp}"),
    ("plot", "{sweep}", "-o", "{tmp}", "--outcome", "no_such_outcome"),
    ("plot", "{sweep}", "-o", "/dev/null/figures"),
    ("csv", "{sweep}", "-o", "/dev/null/x.csv"),
    ("tidy", "{sweep}", "--table", "no_such_table"),
    ("sensitivity", "{sweep}"),
], ids=["missing", "not_hdf5", "unknown_outcome", "unwritable_dir", "unwritable_csv", "unknown_table",
        "not_saltelli"])
def test_analysis_bad_input_is_one_line(training_sweep, tmp_path, args):
    (tmp_path / "notes.txt").write_text("not a results file\n")
    values = {"missing": tmp_path / "missing.h5", "text": tmp_path / "notes.txt", "sweep": training_sweep,
              "tmp": tmp_path / "out"}
    result = analysis(*[a.format(**values) for a in args], check=False)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "error:" in lines[0], result.stderr
