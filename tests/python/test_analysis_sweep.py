"""coachsim_analysis on sweep files: loaders, tidy tables, sweep figures and Sobol sensitivity.

Synthetic sweep files follow the planned layout of docs/output.md ("Sweep results"), written here with h5py and
HDF5 dimension scales: root dims point, replicate, arm, week, quantile, parameter; design (point, parameter);
parameter_units (parameter); one 1-D variable per swept parameter named by its path; per-run variables with leading
(point, replicate); run_status; per-point summaries <x>_mean/_lo/_hi; saltelli_block/saltelli_row and the root
attribute saltelli_base_samples for Saltelli designs. The last tests run the real `coachsim sweep` on
scenarios/sweeps/small.toml (also with an injected failed run) and on a small Saltelli design.
"""
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))

import coachsim_analysis as ca  # noqa: E402
from coachsim_analysis import plots, sobol  # noqa: E402

ARMS = ["coached", "usual_care"]
REPLICATES, WEEKS = 3, 8
QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9]
UNITS = {"program.caseload": "patients", "coaches.count": "coaches", "program.phone_contacts_per_month":
         "contacts/month", "coaches.quit_hazard_base": "1/week"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------------------------------- synthetic sweep files

def _scale(f, name, values, units=None, long_name=None):
    if values.dtype.kind in ("U", "O"):
        ds = f.create_dataset(name, data=np.array(values, dtype=object), dtype=h5py.string_dtype())
    else:
        ds = f.create_dataset(name, data=values)
    ds.make_scale(name)
    if units is not None:
        ds.attrs["units"] = units
    if long_name:
        ds.attrs["long_name"] = long_name
    return ds


def _var(f, name, data, dims, units, long_name=None):
    ds = f.create_dataset(name, data=data)
    for i, d in enumerate(dims):
        ds.dims[i].attach_scale(f[d])
    ds.attrs["units"] = units
    ds.attrs["long_name"] = long_name or name.replace("_", " ")
    return ds


def write_sweep(path, design, *, saltelli=None, failed=(), seed=7):
    """Write a sweep file; ``design`` maps parameter path -> values per point. ``saltelli``: (block, row, N)."""
    rng = np.random.default_rng(seed)
    params = list(design)
    x = np.column_stack([np.asarray(design[p], dtype=float) for p in params])
    n_points = x.shape[0]
    lo = x.min(axis=0)
    span = np.where(x.max(axis=0) > lo, x.max(axis=0) - lo, 1.0)
    u = (x - lo) / span  # each parameter scaled to [0, 1]
    # A known response: the coached effect depends on the parameters (first strongly, second weakly, the rest not).
    weights = np.array([1.0, 0.4] + [0.0] * (len(params) - 2))[: len(params)]
    effect = -0.4 - 0.8 * (u * weights).sum(axis=1) - 0.3 * u[:, 0] * (u[:, 1] if len(params) > 1 else 0)
    with h5py.File(path, "w") as f:
        f.attrs["Conventions"] = "coachsim-sweep-1"
        f.attrs["title"] = "coachsim sweep results"
        f.attrs["scenario_file"] = "scenarios/sweeps/synthetic.toml"
        f.attrs["seed"] = seed
        f.attrs["followup_week"] = WEEKS
        _scale(f, "point", np.arange(n_points), "1", "design point")
        _scale(f, "replicate", np.arange(REPLICATES), "1", "replicate index")
        _scale(f, "arm", np.array(ARMS, dtype=object), None, "trial arm")
        _scale(f, "week", np.arange(WEEKS + 1), "weeks", "weeks since enrolment")
        _scale(f, "quantile", np.array(QUANTILES), "1", "quantile level")
        _scale(f, "parameter", np.array(params, dtype=object), None, "swept parameter")
        _var(f, "design", x, ("point", "parameter"), "", "parameter values of each point")
        pu = f.create_dataset("parameter_units", data=np.array([UNITS[p] for p in params], dtype=object),
                              dtype=h5py.string_dtype())
        pu.dims[0].attach_scale(f["parameter"])
        for i, p in enumerate(params):
            _var(f, p, x[:, i], ("point",), UNITS[p], p)

        shape = (n_points, REPLICATES, len(ARMS), WEEKS + 1)
        week = np.arange(WEEKS + 1)
        arm_effect = np.stack([effect, np.full(n_points, -0.2)], axis=1)  # (point, arm)
        noise = rng.normal(0, 0.05, size=shape)
        hba1c = 9.9 + arm_effect[:, None, :, None] * week[None, None, None, :] / WEEKS + noise
        _var(f, "hba1c_true_mean", hba1c, ("point", "replicate", "arm", "week"), "%", "mean true HbA1c")
        _var(f, "share_below_7_0", np.clip(0.02 + 0.01 * (9.9 - hba1c), 0, 1),
             ("point", "replicate", "arm", "week"), "1", "share with measured HbA1c below 7.0%")
        _var(f, "share_below_7_5", np.clip(0.05 + 0.02 * (9.9 - hba1c), 0, 1),
             ("point", "replicate", "arm", "week"), "1", "share with measured HbA1c below 7.5%")
        q = hba1c[..., None] + np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
        _var(f, "hba1c_true_quantiles", q, ("point", "replicate", "arm", "week", "quantile"), "%",
             "quantiles of true HbA1c")
        _var(f, "coaches_active", 20 - 0.5 * week[None, None, :] + rng.normal(0, 0.1, (n_points, REPLICATES,
                                                                                     WEEKS + 1)),
             ("point", "replicate", "week"), "coaches", "coaches active")
        change = hba1c[..., -1] - hba1c[..., 0]  # (point, replicate, arm)
        _var(f, "change_mean", change, ("point", "replicate", "arm"), "%", "mean change in measured HbA1c")
        _var(f, "n_enrolled", np.full((n_points, REPLICATES, len(ARMS)), 150.0), ("point", "replicate", "arm"),
             "patients", "patients randomized to the arm")
        _var(f, "coaches_n", np.full((n_points, REPLICATES), 23.0), ("point", "replicate"), "coaches",
             "coaches ever active")
        status = np.ones((n_points, REPLICATES), dtype=np.int32)
        for p, r in failed:
            status[p, r] = 2
        _var(f, "run_status", status, ("point", "replicate"), "1", "1 ok, 2 failed")
        ok = (status == 1)[..., None]
        masked = np.where(ok, change, np.nan)
        _var(f, "change_mean_mean", np.nanmean(masked, axis=1), ("point", "arm"), "%",
             "mean change in HbA1c, mean over replicates")
        _var(f, "change_mean_lo", np.nanquantile(masked, 0.025, axis=1), ("point", "arm"), "%")
        _var(f, "change_mean_hi", np.nanquantile(masked, 0.975, axis=1), ("point", "arm"), "%")
        diff = masked[..., 0] - masked[..., 1]
        _var(f, "change_difference_mean", np.nanmean(diff, axis=1), ("point",), "%",
             "difference in mean change, coached minus usual care")
        _var(f, "change_difference_lo", np.nanquantile(diff, 0.025, axis=1), ("point",), "%")
        _var(f, "change_difference_hi", np.nanquantile(diff, 0.975, axis=1), ("point",), "%")
        if saltelli is not None:
            block, row, n = saltelli
            _var(f, "saltelli_block", np.asarray(block, dtype=np.int32), ("point",), "1", "Saltelli block")
            _var(f, "saltelli_row", np.asarray(row, dtype=np.int32), ("point",), "1", "row within the block")
            f.attrs["saltelli_base_samples"] = n
    return path


@pytest.fixture(scope="module")
def grid1(tmp_path_factory):
    path = tmp_path_factory.mktemp("sweep") / "grid1.h5"
    return write_sweep(path, {"program.caseload": [20, 5, 15, 10]})


@pytest.fixture(scope="module")
def grid2(tmp_path_factory):
    caseload, coaches = np.meshgrid([5, 10, 15], [10, 20, 30, 40], indexing="ij")
    path = tmp_path_factory.mktemp("sweep") / "grid2.h5"
    return write_sweep(path, {"program.caseload": caseload.ravel(), "coaches.count": coaches.ravel()},
                       failed=[(1, 2)])


SALTELLI_PARAMS = {"program.caseload": (5, 20), "program.phone_contacts_per_month": (1, 4),
                   "coaches.quit_hazard_base": (0.001, 0.01)}
SALTELLI_N = 128


@pytest.fixture(scope="module")
def saltelli_sweep(tmp_path_factory):
    """A Saltelli design (A, B, AB_i stacked, then shuffled so points are not in block order)."""
    bounds = list(SALTELLI_PARAMS.values())
    a, b, ab = sobol.saltelli_matrices(SALTELLI_N, bounds, seed=3, method="random")
    k = len(bounds)
    x = np.vstack([a, b] + [ab[i] for i in range(k)])
    block = np.repeat(np.arange(k + 2), SALTELLI_N)
    row = np.tile(np.arange(SALTELLI_N), k + 2)
    order = np.random.default_rng(11).permutation(x.shape[0])
    design = {p: x[order, i] for i, p in enumerate(SALTELLI_PARAMS)}
    path = tmp_path_factory.mktemp("sweep") / "saltelli.h5"
    return write_sweep(path, design, saltelli=(block[order], row[order], SALTELLI_N))


def assert_png(path, min_bytes=8000):
    data = Path(path).read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert len(data) > min_bytes, f"{path} is only {len(data)} bytes"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 600 and height >= 400
    import matplotlib.image
    image = matplotlib.image.imread(path)
    assert image.shape[:2] == (height, width)
    assert image.std() > 0.01  # not blank


def cli(*args, check=True):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "analysis"), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "coachsim_analysis", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


# ----------------------------------------------------------------------------------------------------- loaders

def test_analysis_sweep_load_dims_coords_units(grid2):
    assert ca.kind(grid2) == "sweep"
    ds = ca.load(grid2)
    assert ds.attrs["coachsim_kind"] == "sweep"
    assert dict(ds.sizes) == {"point": 12, "replicate": REPLICATES, "arm": 2, "week": WEEKS + 1, "quantile": 5,
                              "parameter": 2}
    assert list(ds["arm"].values) == ARMS and all(isinstance(a, str) for a in ds["arm"].values)
    assert ca.parameter_names(ds) == ["program.caseload", "coaches.count"]
    assert ca.parameter_units(ds) == {"program.caseload": "patients", "coaches.count": "coaches"}
    assert "program.caseload" in ds.coords and ds["program.caseload"].dims == ("point",)
    assert ds["hba1c_true_mean"].dims == ("point", "replicate", "arm", "week")
    # parameters travel with every selection
    assert "coaches.count" in ds["change_difference_mean"].coords
    for name, var in ds.data_vars.items():
        if var.dtype.kind in "fiu":
            assert "units" in var.attrs, name
    assert ds["change_difference_lo"].attrs["units"] == "%"
    with h5py.File(grid2, "r") as f:
        np.testing.assert_array_equal(ds["hba1c_true_mean"].values, f["hba1c_true_mean"][...])
        np.testing.assert_array_equal(ds["design"].values, f["design"][...])


def test_analysis_sweep_tidy_rows_and_values(grid2):
    ds = ca.load(grid2)
    df = ca.tidy(ds, drop_failed=False)
    outcomes = ["hba1c_true_mean", "share_below_7_0", "share_below_7_5"] + \
        [f"hba1c_true_q{q * 100:g}" for q in QUANTILES]
    assert sorted(df["outcome"].cat.categories) == sorted(outcomes)
    assert len(df) == 12 * REPLICATES * 2 * (WEEKS + 1) * len(outcomes)
    assert list(df.columns) == ["point", "program.caseload", "coaches.count", "replicate", "arm", "week",
                                "outcome", "value", "units"]
    with h5py.File(grid2, "r") as f:
        design = f["design"][...]
        np.testing.assert_array_equal(df["program.caseload"], design[df["point"], 0])
        np.testing.assert_array_equal(df["coaches.count"], design[df["point"], 1])
        arm_index = df["arm"].cat.codes.to_numpy()
        for name in ("hba1c_true_mean", "share_below_7_5"):
            sub = df["outcome"] == name
            expected = f[name][...][df["point"][sub], df["replicate"][sub], arm_index[sub], df["week"][sub]]
            np.testing.assert_array_equal(df["value"][sub], expected)
        sub = (df["outcome"] == "hba1c_true_q90").to_numpy()
        expected = f["hba1c_true_quantiles"][...][df["point"][sub], df["replicate"][sub], arm_index[sub],
                                                  df["week"][sub], 4]
        np.testing.assert_array_equal(df["value"][sub], expected)
    # run (point 1, replicate 2) failed: dropped by default
    dropped = ca.tidy(ds)
    assert len(dropped) == len(df) - 2 * (WEEKS + 1) * len(outcomes)
    assert not ((dropped["point"] == 1) & (dropped["replicate"] == 2)).any()


def test_analysis_sweep_other_tables(grid2, tmp_path):
    ds = ca.load(grid2)
    summary = ca.tidy(ds, "summary", drop_failed=False)
    assert set(summary["outcome"]) == {"change_mean", "n_enrolled"}
    assert len(summary) == 12 * REPLICATES * 2 * 2
    coaches = ca.tidy(ds, "coaches", drop_failed=False)
    assert len(coaches) == 12 * REPLICATES * (WEEKS + 1)
    points = ca.tidy(ds, "points")
    assert set(points["outcome"]) == {"change_mean", "change_difference"}
    assert len(points) == 12 * 2 + 12
    diff = points[points["outcome"] == "change_difference"].sort_values("point")
    np.testing.assert_allclose(diff["mean"], ds["change_difference_mean"].values)
    np.testing.assert_allclose(diff["hi"], ds["change_difference_hi"].values)
    assert set(ca.available_tables(ds)) == {"weekly", "coaches", "summary", "replicate", "points"}
    out = cli("csv", grid2, "-o", tmp_path / "tables", "--table", "all")
    for table in ("weekly", "coaches", "summary", "replicate", "points"):
        assert (tmp_path / "tables" / f"{table}.csv").stat().st_size > 100, out.stdout


def test_analysis_points_table_needs_sweep(grid1):
    ds = ca.load(grid1)
    with pytest.raises(ca.ResultsError):
        ca.tidy(ds, "no_such_table")


# ------------------------------------------------------------------------------------------------------ figures

def test_analysis_sweep_one_lever_line_draws_file_values(grid1, tmp_path):
    ds = ca.load(grid1)
    fig = plots.fig_sweep_one_lever(ds, "change_difference_mean")
    (line,) = [l for l in fig.axes[0].get_lines() if len(l.get_xdata()) == 4]
    with h5py.File(grid1, "r") as f:
        x = f["program.caseload"][...]
        order = np.argsort(x)
        np.testing.assert_array_equal(line.get_xdata(), x[order])
        np.testing.assert_allclose(line.get_ydata(), f["change_difference_mean"][...][order])
    written = ca.plot_file(grid1, tmp_path)
    names = sorted(Path(p).name for p in written)
    assert names == ["sweep_change_difference.png", "sweep_change_mean_by_arm.png"]
    for p in written:
        assert_png(p)


def test_analysis_sweep_two_levers_heatmap(grid2, tmp_path):
    ds = ca.load(grid2)
    fig = plots.fig_sweep_two_levers(ds, "change_difference_mean")
    image = fig.axes[0].images[0].get_array()
    with h5py.File(grid2, "r") as f:
        caseload, coaches, values = f["program.caseload"][...], f["coaches.count"][...], \
            f["change_difference_mean"][...]
    xs, ys = np.unique(caseload), np.unique(coaches)
    for i in range(values.size):
        assert image[np.searchsorted(ys, coaches[i]), np.searchsorted(xs, caseload[i])] == pytest.approx(values[i])
    written = cli("plot", grid2, "-o", tmp_path, "--format", "png,svg,pdf").stdout.split()
    names = sorted(Path(p).name for p in written)
    assert names == sorted(f"heatmap_{o}.{fmt}" for o in ("change_difference", "change_mean_by_arm")
                           for fmt in ("png", "svg", "pdf"))
    for p in written:
        if p.endswith(".png"):
            assert_png(p)
        elif p.endswith(".pdf"):
            assert Path(p).read_bytes()[:5] == b"%PDF-"
        else:
            assert b"<svg" in Path(p).read_bytes()[:2000]
    # one lever chosen explicitly: averaged over the other parameter
    written = ca.plot_file(grid2, tmp_path / "lever", levers=["coaches.count"], outcome="change_difference_mean")
    assert [Path(p).name for p in written] == ["sweep_change_difference.png"]
    assert_png(written[0])


# --------------------------------------------------------------------------------------------------------- Sobol

def test_analysis_sweep_sensitivity_matches_direct_estimators(saltelli_sweep):
    ds = ca.load(saltelli_sweep)
    table = ca.sweep_sensitivity(ds, n_boot=200, seed=1)
    # rebuild f_A, f_B, f_AB by hand from the file
    with h5py.File(saltelli_sweep, "r") as f:
        block, row, y = f["saltelli_block"][...], f["saltelli_row"][...], f["change_difference_mean"][...]
        k = f["parameter"].shape[0]
        assert f.attrs["saltelli_base_samples"] == SALTELLI_N
    grid = np.full((k + 2, SALTELLI_N), np.nan)
    grid[block, row] = y
    direct = ca.sobol_indices(grid[0], grid[1], grid[2:].T, names=list(SALTELLI_PARAMS), n_boot=200, seed=1)
    for col in ("S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"):
        np.testing.assert_allclose(table[col], direct[col])
    assert list(table["parameter"]) == list(SALTELLI_PARAMS)
    assert list(table["units"]) == [UNITS[p] for p in SALTELLI_PARAMS]
    # the synthetic response depends mostly on the first parameter and not at all on the third
    assert table["ST"][0] > 0.5 and table["ST"][0] > table["ST"][1] > table["ST"][2]
    assert abs(table["S1"][2]) < 0.1 and table["ST"][2] < 0.1  # replicate noise only


def test_analysis_sweep_sensitivity_cli_and_figures(saltelli_sweep, tmp_path):
    out = cli("sensitivity", saltelli_sweep, "--outcome", "change_difference_mean", "--n-boot", "100",
              "-o", tmp_path / "sobol.csv", "--plot", tmp_path)
    assert "program.caseload" in out.stdout and "S1" in out.stdout and "ST_hi" in out.stdout
    import pandas as pd
    table = pd.read_csv(tmp_path / "sobol.csv")
    assert list(table.columns) == ["parameter", "units", "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"]
    assert len(table) == 3
    assert_png(tmp_path / "sobol_change_difference.png")
    # an arm-level outcome needs --arm
    bad = cli("sensitivity", saltelli_sweep, "--outcome", "change_mean_mean", check=False)
    assert bad.returncode == 2 and "arm" in bad.stderr
    good = cli("sensitivity", saltelli_sweep, "--outcome", "change_mean_mean", "--arm", "coached",
               "--n-boot", "50")
    assert "coached" in good.stdout
    # plot: scatter per parameter + Sobol figure and its table
    written = ca.plot_file(saltelli_sweep, tmp_path / "figs", n_boot=100)
    names = sorted(Path(p).name for p in written)
    assert names == ["scatter_change_difference.png", "sobol_change_difference.csv",
                     "sobol_change_difference.png"]
    for p in written:
        if p.endswith(".png"):
            assert_png(p)


def test_analysis_sensitivity_needs_saltelli_design(grid1):
    with pytest.raises(ca.ResultsError, match="saltelli"):
        ca.sweep_sensitivity(grid1)
    proc = cli("sensitivity", grid1, check=False)
    assert proc.returncode == 2


# ------------------------------------------------------------------------------------------ the real sweep command

def _coachsim_bin():
    env = os.environ.get("COACHSIM_BIN")
    if env:
        assert Path(env).is_file(), f"COACHSIM_BIN={env} does not exist"
        return env
    candidates = sorted(ROOT.glob("build*/app/coachsim"), key=lambda p: p.stat().st_mtime, reverse=True)
    return str(candidates[0]) if candidates else None


@pytest.fixture(scope="module")
def real_sweep_bin():
    binary = _coachsim_bin()
    if binary is None:
        pytest.skip("no coachsim binary (set COACHSIM_BIN)")
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    if " sweep " not in help_text or not (ROOT / "scenarios" / "sweeps" / "small.toml").exists():
        pytest.skip("coachsim has no sweep command or scenarios/sweeps/small.toml is missing")
    return binary


def run_sweep(binary, sweep_toml, out, *extra, expect=0):
    proc = subprocess.run([binary, "sweep", str(sweep_toml), "-o", str(out), "--force", *map(str, extra)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == expect, proc.stderr
    return out


def test_analysis_real_small_sweep(real_sweep_bin, tmp_path):
    """scenarios/sweeps/small.toml: a 2 x 2 grid (program.caseload x program.phone_contacts_per_month)."""
    out = run_sweep(real_sweep_bin, ROOT / "scenarios" / "sweeps" / "small.toml", tmp_path / "small.h5")
    assert ca.kind(out) == "sweep"
    ds = ca.load(out)
    params = ca.parameter_names(ds)
    assert params == ["program.caseload", "program.phone_contacts_per_month"]
    assert ca.parameter_units(ds) == {"program.caseload": "patients",
                                      "program.phone_contacts_per_month": "contacts/month"}
    for p in params:
        assert ds[p].dims == ("point",) and p in ds.coords
    assert ds["hba1c_true_mean"].dims == ("point", "replicate", "arm", "week")
    assert ds["change_difference_mean"].dims == ("point",)
    assert ds["change_mean_mean"].dims == ("point", "arm")
    for name, var in ds.data_vars.items():
        if var.dtype.kind == "f":
            assert var.attrs.get("units") is not None, name
    df = ca.tidy(ds, drop_failed=False)
    n_outcomes = len(ca.table_outcomes(ds))
    assert n_outcomes >= 20
    assert len(df) == ds.sizes["point"] * ds.sizes["replicate"] * ds.sizes["arm"] * ds.sizes["week"] * n_outcomes
    assert {"point", "program.caseload", "program.phone_contacts_per_month", "outcome", "value",
            "units"} <= set(df.columns)
    with h5py.File(out, "r") as f:
        arm_codes = df["arm"].cat.codes.to_numpy()
        for name in ("hba1c_true_mean", "share_below_7_5"):
            sub = (df["outcome"] == name).to_numpy()
            expected = f[name][...][df["point"][sub], df["replicate"][sub], arm_codes[sub], df["week"][sub]]
            np.testing.assert_array_equal(df["value"][sub], expected)
        np.testing.assert_array_equal(df["program.caseload"], f["program.caseload"][...][df["point"]])
        summary = ca.tidy(ds, "summary")
        sub = summary[summary["outcome"] == "change_mean"]
        np.testing.assert_array_equal(sub["value"], f["change_mean"][...][sub["point"], sub["replicate"],
                                                                          sub["arm"].cat.codes])
        points = ca.tidy(ds, "points")
        diff = points[points["outcome"] == "change_difference"].sort_values("point")
        np.testing.assert_array_equal(diff["mean"], f["change_difference_mean"][...])
    # a 2 x 2 grid: heat maps; one lever on request
    written = ca.plot_file(out, tmp_path / "figs")
    assert sorted(Path(p).name for p in written) == ["heatmap_change_difference.png",
                                                     "heatmap_change_mean_by_arm.png"]
    for p in written:
        assert_png(p)
    fig = plots.fig_sweep_two_levers(ds, "change_difference_mean")
    image = fig.axes[0].images[0].get_array()
    assert np.nanmean(image) == pytest.approx(float(ds["change_difference_mean"].mean()))
    written = ca.plot_file(out, tmp_path / "lever", levers=["program.phone_contacts_per_month"])
    for p in written:
        assert_png(p)
    # the sensitivity command refuses a grid
    proc = cli("sensitivity", out, check=False)
    assert proc.returncode == 2 and "saltelli" in proc.stderr.lower()


def test_analysis_real_sweep_with_a_failed_run(real_sweep_bin, tmp_path):
    """--fail-run 7 (point 1, replicate 2) fails one run: tidy leaves it out, figures still draw."""
    out = run_sweep(real_sweep_bin, ROOT / "scenarios" / "sweeps" / "small.toml", tmp_path / "failed.h5",
                    "--fail-run", 7, expect=1)
    ds = ca.load(out)
    assert int(ds["run_status"].sel(point=1, replicate=2)) == 2
    full = ca.tidy(ds, drop_failed=False)
    kept = ca.tidy(ds)
    failed = (full["point"] == 1) & (full["replicate"] == 2)
    assert full["value"][failed].isna().all()
    assert len(kept) == len(full) - failed.sum()
    assert not ((kept["point"] == 1) & (kept["replicate"] == 2)).any()
    for p in ca.plot_file(out, tmp_path / "figs"):
        assert_png(p)


def test_analysis_real_saltelli_sweep(real_sweep_bin, tmp_path):
    """A small Saltelli design run by the real coachsim sweep: indices, table and figure."""
    sweep = tmp_path / "saltelli.toml"
    base = (ROOT / "scenarios" / "sweeps" / "base_small.toml").as_posix()
    sweep.write_text(f"""schema_version = 1
base = "{base}"

[sweep]
replicates = 2
seed = 7
method = "saltelli"
points = 16

[[axes]]
parameter = "program.caseload"
min = 8
max = 20

[[axes]]
parameter = "program.phone_contacts_per_month"
min = 0.5
max = 4.0
""")
    out = run_sweep(real_sweep_bin, sweep, tmp_path / "saltelli.h5")
    ds = ca.load(out)
    assert ds.sizes["point"] == 16 * (2 + 2)
    assert int(ds.attrs["saltelli_base_samples"]) == 16
    table = ca.sweep_sensitivity(ds, n_boot=100)
    assert list(table["parameter"]) == ["program.caseload", "program.phone_contacts_per_month"]
    assert np.all(np.isfinite(table[["S1", "ST", "S1_lo", "ST_hi"]].to_numpy()))
    # the same numbers from the estimators fed by hand
    with h5py.File(out, "r") as f:
        block, row, y = f["saltelli_block"][...], f["saltelli_row"][...], f["change_difference_mean"][...]
    grid = np.full((4, 16), np.nan)
    grid[block, row] = y
    direct = ca.sobol_indices(grid[0], grid[1], grid[2:].T, n_boot=100)
    np.testing.assert_allclose(table["S1"], direct["S1"])
    np.testing.assert_allclose(table["ST_hi"], direct["ST_hi"])
    printed = cli("sensitivity", out, "--n-boot", "100", "-o", tmp_path / "sobol.csv").stdout
    assert "program.phone_contacts_per_month" in printed
    assert (tmp_path / "sobol.csv").stat().st_size > 100
    written = ca.plot_file(out, tmp_path / "figs", n_boot=100)
    assert sorted(Path(p).name for p in written) == ["scatter_change_difference.png", "sobol_change_difference.csv",
                                                     "sobol_change_difference.png"]
    for p in written:
        if p.endswith(".png"):
            assert_png(p)
