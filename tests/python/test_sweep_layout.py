"""The sweep results layout (docs/output.md, "Sweep results") as xarray sees it."""
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

COACHSIM = os.environ.get("COACHSIM_BIN", "coachsim")
SOURCE = Path(os.environ.get("COACHSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SMALL = SOURCE / "scenarios" / "sweeps" / "small.toml"


def run(*args, expect=0):
    done = subprocess.run([COACHSIM, *map(str, args)], capture_output=True, text=True)
    assert done.returncode == expect, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "small.h5"
    run("sweep", SMALL, "-o", out, "--fail-run", 7, expect=1)
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        yield ds.load()


def test_named_dimensions_and_coordinates(sweep):
    assert dict(sweep.sizes) == {"point": 4, "replicate": 5, "arm": 2, "week": 27, "quantile": 5, "parameter": 2}
    assert list(sweep.point.values) == [0, 1, 2, 3]
    assert list(sweep.arm.values) == ["coached", "usual_care"]
    assert list(sweep.parameter.values) == ["program.caseload", "program.phone_contacts_per_month"]
    assert sweep.attrs["Conventions"] == "coachsim-sweep-1"
    assert sweep.attrs["method"] == "grid"
    assert len(sweep.attrs["design_hash"]) == 16
    assert sweep.attrs["replicates"] == 5 and sweep.attrs["points"] == 4 and sweep.attrs["seed"] == 2024


def test_design_matrix_with_units(sweep):
    assert sweep.design.dims == ("point", "parameter")
    np.testing.assert_array_equal(sweep.design.sel(parameter="program.caseload"), [8, 8, 14, 14])
    np.testing.assert_array_equal(sweep["program.phone_contacts_per_month"], [1, 4, 1, 4])
    assert sweep["program.caseload"].attrs["units"] == "patients"
    assert list(sweep.parameter_units.values) == ["patients", "contacts/month"]


def test_per_run_and_per_point_variables(sweep):
    assert sweep.hba1c_true_mean.dims == ("point", "replicate", "arm", "week")
    assert sweep.hba1c_true_quantiles.dims == ("point", "replicate", "arm", "week", "quantile")
    assert sweep.coaches_active.dims == ("point", "replicate", "week")
    assert sweep.change_mean.dims == ("point", "replicate", "arm")
    assert sweep.coaches_n.dims == ("point", "replicate")
    assert sweep.change_mean_mean.dims == ("point", "arm")
    assert sweep.change_difference_lo.dims == ("point",)
    assert sweep.change_mean.attrs["units"] == "%"
    ok = sweep.run_status.values == 1
    means = sweep.change_mean.where(sweep.run_status == 1).mean("replicate")
    np.testing.assert_allclose(sweep.change_mean_mean, means, rtol=1e-12)
    assert np.all(sweep.change_difference_lo <= sweep.change_difference_mean)
    assert ok.sum() == 19


def test_failed_run_is_recorded(sweep):
    failed = sweep.run_status.sel(point=1, replicate=2)  # run 7 = point 1, replicate 2
    assert int(failed) == 2
    assert "failure injected" in str(sweep.run_error.sel(point=1, replicate=2).values)
    assert np.isnan(sweep.change_mean.sel(point=1, replicate=2)).all()
    assert str(sweep.run_error.sel(point=0, replicate=0).values) == ""


def test_a_point_equals_the_single_run_of_its_values(sweep, tmp_path):
    # Common random numbers: replicate r of every point uses the sweep's seed, as `coachsim run` does.
    single = tmp_path / "single.h5"
    run("run", SOURCE / "scenarios/sweeps/base_small.toml", "--set", "program.caseload=14",
        "--set", "program.phone_contacts_per_month=4.0", "--seed", 2024, "--replicates", 5, "-o", single)
    with xr.open_dataset(single, engine="h5netcdf") as one:
        np.testing.assert_array_equal(sweep.hba1c_true_mean.sel(point=3).values, one.hba1c_true_mean.values)
        np.testing.assert_array_equal(sweep.change_mean.sel(point=3).values, one.change_mean.values)


def test_saltelli_blocks(tmp_path):
    spec = tmp_path / "saltelli.toml"
    spec.write_text(f"""schema_version = 1
base = "{SOURCE}/scenarios/sweeps/base_small.toml"
[sweep]
replicates = 1
seed = 3
method = "saltelli"
points = 2
[[axes]]
parameter = "program.training_hours"
min = 10.0
max = 40.0
[[axes]]
parameter = "coaches.boundary_openness_mean"
min = 0.2
max = 0.8
""")
    out = tmp_path / "saltelli.h5"
    run("sweep", spec, "-o", out)
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert ds.sizes["point"] == 2 * 4
        assert ds.attrs["saltelli_base_samples"] == 2
        assert list(ds.saltelli_block.values) == [0, 1, 2, 3] * 2
        assert list(ds.saltelli_row.values) == [0, 0, 0, 0, 1, 1, 1, 1]
        a, b, ab1 = (ds.design.isel(point=i).values for i in range(3))
        assert ab1[0] == b[0] and ab1[1] == a[1]
