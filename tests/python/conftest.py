"""Shared fixtures: the coachsim binary under test and the source tree."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def coachsim_bin():
    path = os.environ.get("COACHSIM_BIN")
    if not path or not pathlib.Path(path).exists():
        pytest.skip("COACHSIM_BIN is not set to a built coachsim binary (run through ctest)")
    return path


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


def run_coachsim(binary, *args, cwd=None, check=True):
    """Runs coachsim and returns the CompletedProcess (text mode)."""
    result = subprocess.run([binary, *map(str, args)], cwd=cwd or SOURCE_DIR, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"coachsim {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result
