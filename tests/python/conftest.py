"""Shared fixtures: the coachsim binary under test and the source tree."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


def coachsim_binary():
    """The binary under test: $COACHSIM_BIN (set by ctest), else the newest build*/app/coachsim."""
    env = os.environ.get("COACHSIM_BIN")
    if env:
        assert pathlib.Path(env).is_file(), f"COACHSIM_BIN={env} does not exist"
        return env
    candidates = sorted(SOURCE_DIR.glob("build*/app/coachsim"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not candidates:
        pytest.skip("no coachsim binary: set COACHSIM_BIN or build the coachsim target")
    return str(candidates[0])


@pytest.fixture(scope="session")
def coachsim_bin():
    return coachsim_binary()


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


def run_coachsim(binary, *args, cwd=None, check=True):
    """Runs coachsim and returns the CompletedProcess (text mode)."""
    result = subprocess.run([binary, *map(str, args)], cwd=cwd or SOURCE_DIR, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"coachsim {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result
