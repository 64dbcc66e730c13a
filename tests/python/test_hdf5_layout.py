"""The results layout of docs/output.md as Python users see it.

Opens the file written by tests/sim/io/write_sample_results.cpp (path in the environment variable
COACHSIM_SAMPLE_H5; the ctest `io.xarray_layout` writes it first) with xarray + h5netcdf, h5py and
netCDF4-python. The expected values follow the formulas in write_sample_results.cpp.
"""
import os

import numpy as np
import pytest

PATH = os.environ.get("COACHSIM_SAMPLE_H5")
pytestmark = pytest.mark.skipif(not PATH, reason="set COACHSIM_SAMPLE_H5 (ctest io.xarray_layout does)")

REPLICATES, WEEKS = 3, 52
ARMS = ["coached", "usual_care"]
QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9]


def expected_mean():
    r, a, w = np.meshgrid(np.arange(REPLICATES), np.arange(2), np.arange(WEEKS + 1), indexing="ij")
    mean = 8.0 + 0.1 * r - 0.2 * a - 0.01 * w
    mean[1, 1, WEEKS] = np.nan
    return mean


def test_xarray_sees_named_dimensions_and_coordinates():
    xr = pytest.importorskip("xarray")
    with xr.open_dataset(PATH, engine="h5netcdf") as ds:
        assert dict(ds.sizes) == {"replicate": REPLICATES, "arm": 2, "week": WEEKS + 1, "quantile": 5}
        assert list(ds.arm.values) == ARMS
        assert all(isinstance(v, str) for v in ds.arm.values)
        np.testing.assert_array_equal(ds.replicate.values, np.arange(REPLICATES))
        np.testing.assert_array_equal(ds.week.values, np.arange(WEEKS + 1))
        np.testing.assert_allclose(ds["quantile"].values, QUANTILES)  # ds.quantile is a method

        mean = ds.hba1c_true_mean
        assert mean.dims == ("replicate", "arm", "week")
        assert mean.dtype == np.float64
        np.testing.assert_allclose(mean.values, expected_mean(), equal_nan=True)
        assert mean.attrs["units"] == "%" and isinstance(mean.attrs["units"], str)
        assert mean.attrs["long_name"] == "mean true HbA1c"
        assert "description" in mean.attrs
        np.testing.assert_allclose(mean.sel(arm="coached").mean("replicate").values,
                                   expected_mean()[:, 0, :].mean(axis=0))

        quantiles = ds.hba1c_true_quantiles
        assert quantiles.dims == ("replicate", "arm", "week", "quantile")
        np.testing.assert_allclose(quantiles.sel(quantile=0.9).values, expected_mean() + 0.4, equal_nan=True)

        assert ds.coach_load_mean.dims == ("replicate", "week")
        assert ds.coach_load_mean.attrs["units"] == "1"
        np.testing.assert_allclose(ds.coach_load_mean.values,
                                   0.25 * (np.arange(REPLICATES)[:, None] + np.arange(WEEKS + 1)[None, :]))
        assert ds.n_enrolled.dims == ("replicate", "arm")
        np.testing.assert_array_equal(ds.n_enrolled.values,
                                      100 + 10 * np.arange(REPLICATES)[:, None] + np.arange(2)[None, :])

        assert ds.week.attrs["units"] == "weeks"
        assert ds.attrs["Conventions"] == "coachsim-1"
        assert ds.attrs["scenario"].startswith("[run]\n")
        assert ds.attrs["seed"] == 42
        assert ds.attrs["followup_week"] == WEEKS
        assert ds.attrs["wall_seconds"] == pytest.approx(0.5)


def test_xarray_reads_groups():
    xr = pytest.importorskip("xarray")
    with xr.open_dataset(PATH, engine="h5netcdf", group="sweep") as sweep:
        assert sweep.change_mean.dims == ("point", "arm")
        np.testing.assert_array_equal(sweep.point.values, [0, 1, 2])
        np.testing.assert_allclose(sweep.change_mean.values, [[0.0, -1.0], [-0.5, -1.5], [-1.0, -2.0]])
        assert sweep.change_mean.attrs["units"] == "%"
    with xr.open_dataset(PATH, engine="h5netcdf", group="patients") as patients:
        assert dict(patients.sizes) == {"patient": 4}
        assert "patient" not in patients.variables  # a dimension without a coordinate variable
        np.testing.assert_array_equal(patients.age.values, [40, 41, 42, 43])
        assert patients.age.attrs["units"] == "years"
        np.testing.assert_array_equal(patients.arm_index.values, [0, 1, 0, 1])
        assert list(patients.arm_name.values) == ARMS * 2


def test_h5py_values_and_dimension_scales():
    h5py = pytest.importorskip("h5py")
    with h5py.File(PATH, "r") as f:
        mean = f["hba1c_true_mean"]
        np.testing.assert_allclose(mean[...], expected_mean(), equal_nan=True)
        assert [dim[0].name for dim in mean.dims] == ["/replicate", "/arm", "/week"]
        assert np.isnan(mean.fillvalue)
        assert f["hba1c_true_quantiles"].compression == "gzip"
        assert [s.decode() if isinstance(s, bytes) else s for s in f["arm"][...]] == ARMS
        assert f.attrs["Conventions"] == b"coachsim-1"
        assert not os.path.exists(PATH + ".tmp-" + str(os.getpid()))


def test_netcdf4_opens_the_file():
    netCDF4 = pytest.importorskip("netCDF4")
    with netCDF4.Dataset(PATH) as nc:
        assert list(nc.dimensions) == ["replicate", "arm", "week", "quantile"]
        assert nc["hba1c_true_mean"].dimensions == ("replicate", "arm", "week")
        assert nc["hba1c_true_mean"].units == "%"
        np.testing.assert_allclose(np.ma.filled(nc["hba1c_true_mean"][...], np.nan), expected_mean(),
                                   equal_nan=True)
        assert list(nc["arm"][...]) == ARMS
        assert nc.Conventions == "coachsim-1"
        assert nc.seed == 42
        sweep = nc.groups["sweep"]
        assert len(sweep.dimensions["point"]) == 3
        np.testing.assert_allclose(sweep["change_mean"][...], [[0.0, -1.0], [-0.5, -1.5], [-1.0, -2.0]])
        patients = nc.groups["patients"]
        assert len(patients.dimensions["patient"]) == 4
        assert patients["age"].dimensions == ("patient",)
        assert list(patients["arm_name"][...]) == ARMS * 2


def test_xarray_netcdf4_engine_agrees():
    xr = pytest.importorskip("xarray")
    pytest.importorskip("netCDF4")
    with xr.open_dataset(PATH, engine="netcdf4") as a, xr.open_dataset(PATH, engine="h5netcdf") as b:
        xr.testing.assert_identical(a, b)
