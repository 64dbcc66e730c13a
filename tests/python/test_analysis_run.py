"""coachsim_analysis on a real single run: loaders, tidy tables, CSV, figures and the numbers they draw.

Runs the real simulator (path in COACHSIM_BIN; the ctest analysis.pytest sets it; otherwise the newest
build*/app/coachsim of this checkout) on scenarios/default.toml with 10 replicates into a temporary directory.
"""
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

from conftest import coachsim_binary

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))

import coachsim_analysis as ca  # noqa: E402
from coachsim_analysis import economics, plots  # noqa: E402

REPLICATES = 10
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"




@pytest.fixture(scope="module")
def run_h5(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "default.h5"
    proc = subprocess.run([coachsim_binary(), "run", "scenarios/default.toml", "-o", str(out), "--replicates",
                           str(REPLICATES), "--force"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def h5(run_h5):
    """Every dataset of the file as read by h5py (the reference the package is checked against)."""
    with h5py.File(run_h5, "r") as f:
        data = {name: f[name][...] for name in f if isinstance(f[name], h5py.Dataset)}
        units = {name: f[name].attrs["units"] for name in f if "units" in f[name].attrs}
        attrs = dict(f.attrs)
    units = {k: v.decode() if isinstance(v, bytes) else str(v) for k, v in units.items()}
    data["arm"] = np.array([a.decode() if isinstance(a, bytes) else a for a in data["arm"]])
    return {"data": data, "units": units, "attrs": attrs}


def cli(*args, check=True):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "analysis"), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "coachsim_analysis", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def assert_png(path, min_bytes=20000):
    data = Path(path).read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    assert len(data) > min_bytes, f"{path} is only {len(data)} bytes"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height >= 700, (width, height)
    import matplotlib.image
    image = matplotlib.image.imread(path)
    assert image.shape[:2] == (height, width)
    assert image.std() > 0.05  # something is drawn


# ----------------------------------------------------------------------------------------------------- loaders

def test_analysis_run_kind_and_load(run_h5, h5):
    assert ca.kind(run_h5) == "run"
    ds = ca.load(run_h5)
    weeks = int(h5["attrs"]["weeks"])
    assert ds.attrs["coachsim_kind"] == "run"
    assert dict(ds.sizes) == {"replicate": REPLICATES, "arm": 2, "week": weeks + 1, "quantile": 5}
    assert list(ds["arm"].values) == ["coached", "usual_care"]
    assert all(isinstance(a, str) for a in ds["arm"].values)
    np.testing.assert_array_equal(ds["week"].values, np.arange(weeks + 1))
    assert ds["week"].attrs["units"] == "weeks"
    assert ds["hba1c_true_mean"].dims == ("replicate", "arm", "week")
    assert ds["hba1c_true_quantiles"].dims == ("replicate", "arm", "week", "quantile")
    assert ds["coaches_active"].dims == ("replicate", "week")
    assert ds["change_mean"].dims == ("replicate", "arm")
    assert ds["coaches_n"].dims == ("replicate",)
    assert ds.attrs["scenario_file"] == "scenarios/default.toml"
    assert int(ds.attrs["followup_week"]) == int(h5["attrs"]["followup_week"])
    for name, var in ds.data_vars.items():
        assert var.attrs["units"] == h5["units"][name], name
        np.testing.assert_array_equal(var.values, h5["data"][name], err_msg=name)
    assert ds["hba1c_true_mean"].attrs["units"] == "%"
    assert ds["coaches_active"].attrs["units"] == "coaches"


def test_analysis_not_a_results_file(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Conventions"] = "CF-1.8"
    with pytest.raises(ca.ResultsError, match="coachsim-1"):
        ca.kind(path)
    text = tmp_path / "text.h5"
    text.write_text("not hdf5")
    with pytest.raises(ca.ResultsError):
        ca.load(text)
    with pytest.raises(FileNotFoundError):
        ca.load(tmp_path / "missing.h5")
    proc = cli("plot", tmp_path / "missing.h5", "-o", tmp_path, check=False)
    assert proc.returncode == 2 and "missing.h5" in proc.stderr


# --------------------------------------------------------------------------------------------------- tidy, CSV

def weekly_variables(h5):
    data = h5["data"]
    shape = data["hba1c_true_mean"].shape
    return [n for n, v in data.items() if v.shape == shape and n not in ("arm", "week", "replicate")]


def test_analysis_tidy_rows_columns_and_values(run_h5, h5):
    df = ca.tidy(run_h5)
    data = h5["data"]
    weekly = weekly_variables(h5)
    quantiles = data["quantile"]
    n_outcomes = len(weekly) + len(quantiles)
    n_weeks = data["week"].size
    assert {"replicate", "arm", "week", "outcome", "value", "units"} <= set(df.columns)
    assert len(df) == REPLICATES * 2 * n_weeks * n_outcomes
    assert df["outcome"].nunique() == n_outcomes
    # one row per replicate x arm x week x outcome
    assert not df.duplicated(["replicate", "arm", "week", "outcome"]).any()
    arm_index = df["arm"].cat.codes.to_numpy()
    rep, week = df["replicate"].to_numpy(), df["week"].to_numpy()
    for name in weekly:
        sub = (df["outcome"] == name).to_numpy()
        assert sub.sum() == REPLICATES * 2 * n_weeks
        np.testing.assert_array_equal(df["value"].to_numpy()[sub], data[name][rep[sub], arm_index[sub], week[sub]],
                                      err_msg=name)
        assert set(df["units"][sub]) == {h5["units"][name]}
    for qi, q in enumerate(quantiles):
        name = f"hba1c_true_q{q * 100:g}"
        sub = (df["outcome"] == name).to_numpy()
        assert sub.sum() == REPLICATES * 2 * n_weeks, name
        np.testing.assert_array_equal(df["value"].to_numpy()[sub],
                                      data["hba1c_true_quantiles"][rep[sub], arm_index[sub], week[sub], qi])
    assert list(df["arm"].cat.categories) == ["coached", "usual_care"]


def test_analysis_tidy_other_tables(run_h5, h5):
    data = h5["data"]
    n_weeks = data["week"].size
    coaches = ca.tidy(run_h5, "coaches")
    coach_vars = [n for n, v in data.items() if v.shape == (REPLICATES, n_weeks) and n != "arm"]
    assert len(coaches) == REPLICATES * n_weeks * len(coach_vars)
    assert "arm" not in coaches.columns
    sub = coaches[coaches["outcome"] == "coach_load_mean"]
    np.testing.assert_array_equal(sub["value"], data["coach_load_mean"][sub["replicate"], sub["week"]])
    summary = ca.tidy(run_h5, "summary")
    summary_vars = [n for n, v in data.items() if v.shape == (REPLICATES, 2)]
    assert len(summary) == REPLICATES * 2 * len(summary_vars)
    sub = summary[summary["outcome"] == "change_mean"]
    np.testing.assert_array_equal(sub["value"], data["change_mean"][sub["replicate"], sub["arm"].cat.codes])
    per_rep = ca.tidy(run_h5, "replicate")
    per_replicate_vars = {n for n, v in data.items() if v.shape == (REPLICATES,) and n != "replicate"}
    assert set(per_rep["outcome"]) == per_replicate_vars
    assert {"coaches_n", "coach_effect_hba1c"} <= per_replicate_vars
    with pytest.raises(ca.ResultsError):
        ca.tidy(run_h5, "points")


def test_analysis_csv_round_trip(run_h5, tmp_path):
    df = ca.to_csv(run_h5, tmp_path / "out" / "weekly.csv")
    back = pd.read_csv(tmp_path / "out" / "weekly.csv")
    assert list(back.columns) == list(df.columns)
    assert len(back) == len(df)
    np.testing.assert_allclose(back["value"].to_numpy(), df["value"].to_numpy(), rtol=1e-12, equal_nan=True)
    assert (back["outcome"] == df["outcome"].astype(str)).all()
    out = cli("csv", run_h5, "-o", tmp_path / "cli.csv", "--table", "summary")
    assert "cli.csv" in out.stdout
    assert len(pd.read_csv(tmp_path / "cli.csv")) == len(ca.tidy(run_h5, "summary"))
    shown = cli("tidy", run_h5, "--head", "3").stdout
    assert "hba1c_true_mean [%]" in shown and "rows" in shown


# ------------------------------------------------------------------------------------------------------ figures

def test_analysis_plot_writes_every_figure(run_h5, tmp_path):
    out = cli("plot", run_h5, "-o", tmp_path / "figs", "--format", "png,svg,pdf")
    written = out.stdout.split()
    stems = plots.RUN_FIGURES + economics.RUN_FIGURES
    expected = {f"{stem}.{fmt}" for stem in stems for fmt in ("png", "svg", "pdf")}
    assert {Path(p).name for p in written} == expected
    for p in written:
        size = Path(p).stat().st_size
        if p.endswith(".png"):
            assert_png(p)
        elif p.endswith(".pdf"):
            assert Path(p).read_bytes()[:5] == b"%PDF-" and size > 10000
        else:
            head = Path(p).read_bytes()[:3000]
            assert b"<svg" in head and size > 20000
    only = cli("plot", run_h5, "-o", tmp_path / "one", "--only", "hba1c_trajectory").stdout.split()
    assert [Path(p).name for p in only] == ["hba1c_trajectory.png"]
    bad = cli("plot", run_h5, "-o", tmp_path / "bad", "--only", "nonsense", check=False)
    assert bad.returncode == 2 and "hba1c_trajectory" in bad.stderr


def _lines_by_label(ax):
    return {l.get_label(): l for l in ax.get_lines() if not l.get_label().startswith("_")}


def test_analysis_trajectory_draws_file_values(run_h5, h5):
    ds = ca.load(run_h5)
    data = h5["data"]
    fig = plots.fig_hba1c_trajectory(ds)
    ax = fig.axes[0]
    lines = _lines_by_label(ax)
    assert set(lines) == {"coached", "usual care"}
    for a, label in enumerate(["coached", "usual care"]):
        np.testing.assert_array_equal(lines[label].get_xdata(), data["week"])
        np.testing.assert_allclose(lines[label].get_ydata(), np.nanmean(data["hba1c_true_mean"][:, a, :], axis=0))
    # the band is the 2.5-97.5 percentile range across replicates
    table = plots.trajectory_table(ds, "hba1c_true_mean")
    coached = table[table["arm"] == "coached"].sort_values("week")
    np.testing.assert_allclose(coached["lo"], np.nanquantile(data["hba1c_true_mean"][:, 0, :], 0.025, axis=0))
    np.testing.assert_allclose(coached["hi"], np.nanquantile(data["hba1c_true_mean"][:, 0, :], 0.975, axis=0))
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == pytest.approx(coached["lo"].min())
    assert band[:, 1].max() == pytest.approx(coached["hi"].max())
    # follow-up marked, units on the axes, scenario and seed in the title
    followup = int(h5["attrs"]["followup_week"])
    assert any(np.allclose(l.get_xdata(), followup) for l in ax.get_lines() if l.get_label().startswith("_"))
    assert "(%)" in ax.get_ylabel() and "(weeks)" in ax.get_xlabel()
    title = fig._suptitle.get_text()
    assert "scenarios/default.toml" in title and f"seed {int(h5['attrs']['seed'])}" in title


def test_analysis_other_figures_draw_file_values(run_h5, h5):
    ds = ca.load(run_h5)
    data = h5["data"]
    fig = plots.fig_share_at_goal(ds)
    for ax, name in zip(fig.axes, ["share_below_7_0", "share_below_7_5"]):
        lines = _lines_by_label(ax)
        np.testing.assert_allclose(lines["usual care"].get_ydata(), 100 * np.nanmean(data[name][:, 1, :], axis=0))
    fig = plots.fig_coaches(ds)
    for ax, name in zip(fig.axes, ["coaches_active", "coach_load_mean", "coach_quits_cumulative",
                                   "coach_hba1c_mean"]):
        (line,) = [l for l in ax.get_lines() if len(l.get_xdata()) == data["week"].size]
        np.testing.assert_allclose(line.get_ydata(), np.nanmean(data[name], axis=0), err_msg=name)
        assert "(" in ax.get_ylabel()
    fig = plots.fig_change_at_followup(ds)
    ax = fig.axes[0]
    for a, collection in enumerate(ax.collections[:2]):
        np.testing.assert_allclose(np.sort(collection.get_offsets()[:, 1]), np.sort(data["change_mean"][:, a]))
    assert "patient-level" in fig._supxlabel.get_text()  # the caption says what is drawn


def test_analysis_change_figure_uses_the_patient_table_when_present(tmp_path):
    out = tmp_path / "patients.h5"
    subprocess.run([coachsim_binary(), "run", str(ROOT / "scenarios" / "default.toml"), "--replicates", "3",
                    "--set", "output.patient_table=true", "-o", str(out)], check=True, capture_output=True)
    ds = ca.load(str(out))
    fig = plots.fig_change_at_followup(ds)
    ax = fig.axes[0]
    assert ax.get_ylabel().startswith("Density")  # the between-patient histogram, not the replicate box plot
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    completed = ds["patient_completed"].values == 1
    change = (ds["patient_followup_hba1c"] - ds["patient_baseline_hba1c"]).values
    coached_mean = change[(ds["patient_arm"].values == 0) & completed].mean()
    assert f"mean {coached_mean:+.2f}" in labels[0]
