"""Figures from coachsim results files (single runs and sweeps).

Every figure function takes a Dataset from :func:`coachsim_analysis.load` and returns a
:class:`matplotlib.figure.Figure` (no pyplot state, so it works headless and in notebooks alike);
:func:`plot_file` writes the whole set for a file. Colours are the Okabe-Ito palette (safe for the common
colour-vision deficiencies) and arms also differ by line style, so figures survive greyscale printing.
"""
from __future__ import annotations

import math
import os
import textwrap
import warnings
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import matplotlib
import matplotlib.colors
import matplotlib.ticker
import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.figure import Figure

from . import results, sobol

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
ARM_COLORS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                     "sky_blue", "black")]
ARM_LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2))]
ARM_MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
SEQUENTIAL_CMAP = "cividis"  # perceptually uniform and readable with colour-vision deficiencies
FOLLOWUP_COLOR = "#555555"

STYLE = {
    "font.size": 11, "axes.titlesize": 11.5, "axes.labelsize": 11, "legend.fontsize": 10,
    "xtick.labelsize": 10, "ytick.labelsize": 10, "figure.titlesize": 12.5,
    "lines.linewidth": 2.0, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "grid.linewidth": 0.6, "legend.frameon": False,
    "savefig.dpi": 200, "pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path",
    "image.cmap": SEQUENTIAL_CMAP,
}
FORMATS = ("png", "svg", "pdf")
RUN_FIGURES = ("hba1c_trajectory", "change_at_followup", "share_at_goal", "coaches")
BAND_LEVEL = 0.95


# ----------------------------------------------------------------------------------------------------------- helpers

def arm_color(i: int) -> str:
    return ARM_COLORS[i % len(ARM_COLORS)]


def arm_linestyle(i: int):
    return ARM_LINESTYLES[i % len(ARM_LINESTYLES)]


def unit_text(units: str) -> str:
    return {"1": "unitless", "": "unitless"}.get(units, units)


def axis_label(label: str, units: str) -> str:
    return f"{label} ({unit_text(units)})"


def _new_figure(width: float = 7.0, height: float = 4.4) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _title(fig: Figure, ds: xr.Dataset, main: str, note: Optional[str] = None) -> None:
    """Title: what, then scenario file, seed and size; ``note`` becomes a small caption under the axes."""
    fig.suptitle(f"{main}\n{results.describe(ds)}")
    if note:
        fig.supxlabel(note, fontsize=9.5, color="#333333")


def replicate_band(da: xr.DataArray, dim: str = "replicate", level: float = BAND_LEVEL):
    """Mean over ``dim`` and the central ``level`` range across it (NaN ignored): (mean, lo, hi) DataArrays."""
    alpha = (1 - level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = da.mean(dim, skipna=True)
        lo = da.quantile(alpha, dim=dim, skipna=True).drop_vars("quantile")
        hi = da.quantile(1 - alpha, dim=dim, skipna=True).drop_vars("quantile")
    return mean, lo, hi


def trajectory_table(ds: xr.Dataset, variable: str) -> pd.DataFrame:
    """What the trajectory figures draw for ``variable``: week (and arm) with mean, lo, hi across replicates."""
    mean, lo, hi = replicate_band(ds[variable])
    frame = xr.Dataset({"mean": mean, "lo": lo, "hi": hi}).to_dataframe().reset_index()
    return frame


def _mark_followup(ax, ds: xr.Dataset) -> None:
    if "followup_week" not in ds.attrs:
        return
    week = float(ds.attrs["followup_week"])
    ax.axvline(week, color=FOLLOWUP_COLOR, linestyle=(0, (2, 2)), linewidth=1.4, zorder=1)
    first, last = float(ds["week"].values.min()), float(ds["week"].values.max())
    ha = "right" if week >= first + 0.85 * (last - first) else "left" if week <= first + 0.15 * (last - first) \
        else "center"
    ax.annotate(f"follow-up (week {int(week)})", xy=(week, 1.0), xycoords=("data", "axes fraction"),
                xytext=(0, 3), textcoords="offset points", ha=ha, va="bottom", fontsize=9.5,
                color=FOLLOWUP_COLOR)


def _week_axis(ax, ds: xr.Dataset) -> None:
    weeks = ds["week"].values
    ax.set_xlim(weeks.min(), weeks.max())
    ax.set_xlabel(axis_label("Time since enrolment", results.units_of(ds, "week") or "weeks"))
    span = weeks.max() - weeks.min()
    step = next((s for s in (1, 2, 4, 13, 26, 52, 104, 260) if span / s <= 10), 520)
    ax.set_xticks(np.arange(weeks.min(), weeks.max() + 1, step))


def _draw_band(ax, x, mean, lo, hi, color, linestyle, label, scale=1.0, marker=None):
    ax.fill_between(x, np.asarray(lo) * scale, np.asarray(hi) * scale, color=color, alpha=0.22, linewidth=0)
    (line,) = ax.plot(x, np.asarray(mean) * scale, color=color, linestyle=linestyle, label=label, marker=marker,
                      markersize=5)
    return line


def _long_name(ds: xr.Dataset, name: str) -> str:
    if name in ds.variables and ds[name].attrs.get("long_name"):
        text = results._text(ds[name].attrs["long_name"])
        return text[:1].upper() + text[1:]
    return name.replace("_", " ")


def _band_note(ds: xr.Dataset) -> str:
    n = ds.sizes.get("replicate", 0)
    return f"lines: mean of {n} replicates; shading: {BAND_LEVEL:.0%} range across replicates"


# --------------------------------------------------------------------------------------------------- single runs

def fig_hba1c_trajectory(ds: xr.Dataset, variable: str = "hba1c_true_mean") -> Figure:
    """HbA1c over time by arm: mean across replicates, 95% band across replicates, follow-up marked."""
    with matplotlib.rc_context(STYLE):
        fig = _new_figure()
        ax = fig.add_subplot()
        mean, lo, hi = replicate_band(ds[variable])
        weeks = ds["week"].values
        for i, arm in enumerate(results.arms(ds)):
            _draw_band(ax, weeks, mean.sel(arm=arm), lo.sel(arm=arm), hi.sel(arm=arm), arm_color(i),
                       arm_linestyle(i), results.arm_label(arm))
        _mark_followup(ax, ds)
        _week_axis(ax, ds)
        ax.set_ylabel(axis_label(_long_name(ds, variable), results.units_of(ds, variable)))
        ax.legend(title="arm", loc="best")
        _title(fig, ds, "HbA1c by arm", _band_note(ds))
    return fig


def fig_patient_change_at_followup(ds: xr.Dataset) -> Figure:
    """Distribution between patients of the change in measured HbA1c at follow-up, by arm (completers of all
    replicates pooled); needs the patient-level table (``output.patient_table = true``)."""
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(7.0, 4.8)
        ax = fig.add_subplot()
        change = (ds["patient_followup_hba1c"] - ds["patient_baseline_hba1c"]).values.ravel()
        arm_index = ds["patient_arm"].values.ravel()
        completed = ds["patient_completed"].values.ravel() == 1
        bins = np.arange(-8.0, 6.01, 0.25)
        for i, name in enumerate(results.arms(ds)):
            values = change[(arm_index == i) & completed & np.isfinite(change)]
            ax.hist(values, bins=bins, density=True, histtype="step", linewidth=2, color=arm_color(i),
                    linestyle=arm_linestyle(i), label=f"{results.arm_label(name)} (mean {values.mean():+.2f})")
        ax.axvline(-1.0, color=FOLLOWUP_COLOR, linewidth=1, linestyle=":")
        week = ds.attrs.get("followup_week", "?")
        ax.set_xlabel(axis_label(f"HbA1c change, week 0 to {week}", "%-points"))
        ax.set_ylabel("Density (1/%-point)")
        ax.legend(frameon=False)
        _title(fig, ds, f"Change in HbA1c at follow-up (week {week}), patients",
               "Completers of all replicates pooled; dotted line: a 1-point drop.")
    return fig


def fig_change_at_followup(ds: xr.Dataset) -> Figure:
    """Distribution of the change in HbA1c at follow-up by arm.

    With a patient-level table this is the distribution between patients; without one it is the distribution
    across replicates of each arm's mean change among completers (``change_mean``), and the title says so.
    """
    if "patient_followup_hba1c" in ds:
        return fig_patient_change_at_followup(ds)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(6.8, 5.6)
        ax = fig.add_subplot()
        arm_names = results.arms(ds)
        data = [ds["change_mean"].sel(arm=a).values for a in arm_names]
        data = [d[np.isfinite(d)] for d in data]
        positions = np.arange(len(arm_names))
        box = ax.boxplot(data, positions=positions, widths=0.5, patch_artist=True, showfliers=False,
                         medianprops={"color": "black", "linewidth": 1.8},
                         whiskerprops={"linewidth": 1.2}, capprops={"linewidth": 1.2})
        rng = np.random.default_rng(0)
        for i, (patch, values) in enumerate(zip(box["boxes"], data)):
            patch.set_facecolor(matplotlib.colors.to_rgba(arm_color(i), 0.25))
            patch.set_edgecolor(arm_color(i))
            jitter = rng.uniform(-0.13, 0.13, size=values.size)
            ax.scatter(positions[i] + jitter, values, s=22, color=arm_color(i), marker=ARM_MARKERS[i % 7],
                       alpha=0.85, zorder=3, linewidths=0)
            if values.size:
                ax.annotate(f"mean {values.mean():+.2f}", xy=(positions[i] + 0.3, values.mean()), fontsize=9.5,
                            va="center", ha="left", color="black")
        ax.axhline(0, color=FOLLOWUP_COLOR, linewidth=1, zorder=1)
        ax.set_xticks(positions, [results.arm_label(a) for a in arm_names])
        ax.set_xlim(-0.6, len(arm_names) - 0.1)
        week = ds.attrs.get("followup_week", "?")
        ax.set_ylabel(axis_label(f"HbA1c change, week 0 to {week}", "%-points"))
        ax.grid(axis="x", visible=False)
        _title(fig, ds, f"Change in HbA1c at follow-up (week {week}):\narm means across replicates",
               "Dots: one replicate's mean change among the arm's completers. The file has no\n"
               "patient-level table, so this is the spread of the arm mean across replicates,\n"
               "not the spread between patients. Box: quartiles, median; whiskers: 1.5 \u00d7 IQR.")
    return fig


def fig_share_at_goal(ds: xr.Dataset) -> Figure:
    """Share with measured HbA1c below 7.0% and below 7.5% over time by arm (in percent)."""
    goals = [(v, t) for v, t in (("share_below_7_0", "below 7.0%"), ("share_below_7_5", "below 7.5%"))
             if v in ds.data_vars]
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(9.0, 4.4)
        axes = fig.subplots(1, len(goals), sharey=True, squeeze=False)[0]
        weeks = ds["week"].values
        for ax, (variable, text) in zip(axes, goals):
            mean, lo, hi = replicate_band(ds[variable])
            for i, arm in enumerate(results.arms(ds)):
                _draw_band(ax, weeks, mean.sel(arm=arm), lo.sel(arm=arm), hi.sel(arm=arm), arm_color(i),
                           arm_linestyle(i), results.arm_label(arm), scale=100.0)
            _mark_followup(ax, ds)
            _week_axis(ax, ds)
            ax.set_title(f"Measured HbA1c {text}", pad=18)
        axes[0].set_ylim(bottom=0)
        axes[0].set_ylabel(axis_label("Patients at goal", "% of patients in study"))
        axes[0].legend(title="arm", loc="upper left")
        _title(fig, ds, "Patients at HbA1c goal by arm", _band_note(ds))
    return fig


def fig_coaches(ds: xr.Dataset) -> Figure:
    """The coaches: active coaches, mean emotional load, cumulative quits and their own mean HbA1c over time."""
    panels = [("coaches_active", "Active coaches", "Coaches"),
              ("coach_load_mean", "Mean emotional load of active coaches", "Load"),
              ("coach_quits_cumulative", "Coaches who have quit (cumulative)", "Coaches"),
              ("coach_hba1c_mean", "Own mean true HbA1c of the week-0 coaches", "HbA1c")]
    panels = [p for p in panels if p[0] in ds.data_vars]
    colors = [OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]]
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(9.0, 6.6)
        axes = fig.subplots(2, 2, sharex=True).ravel()
        weeks = ds["week"].values
        for k, (ax, (variable, text, short)) in enumerate(zip(axes, panels)):
            mean, lo, hi = replicate_band(ds[variable])
            _draw_band(ax, weeks, mean, lo, hi, colors[k], "-", text)
            _mark_followup(ax, ds)
            _week_axis(ax, ds)
            if k < 2:
                ax.set_xlabel("")
            ax.set_title(text, pad=18)
            ax.set_ylabel(axis_label(short, results.units_of(ds, variable)))
            if variable in ("coaches_active", "coach_quits_cumulative", "coach_load_mean"):
                ax.set_ylim(bottom=0)
            if results.units_of(ds, variable) == "coaches":
                ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        _title(fig, ds, "Coaches over time (the program as a whole)",
               _band_note(ds) + "\nHbA1c: coaches recruited at week 0, quitters included")
    return fig


RUN_FIGURE_FUNCTIONS = {
    "hba1c_trajectory": fig_hba1c_trajectory,
    "change_at_followup": fig_change_at_followup,
    "share_at_goal": fig_share_at_goal,
    "coaches": fig_coaches,
}


# -------------------------------------------------------------------------------------------------------- sweeps

def _param_label(ds: xr.Dataset, p: str, width: int = 34) -> str:
    label = axis_label(p, results.parameter_units(ds).get(p, ""))
    return label if len(label) <= width else label.replace(" (", "\n(", 1)


# Short axis/title wording for the sweep summaries the simulator writes; anything else uses its long_name.
OUTCOME_LABELS = {
    "change_difference": "HbA1c change, coached minus usual care",
    "change_mean": "HbA1c change among completers",
}


def outcome_text(ds: xr.Dataset, name: str) -> str:
    """Human wording of a per-point outcome (no units)."""
    if name in OUTCOME_LABELS:
        return OUTCOME_LABELS[name]
    for candidate in (f"{name}_mean", name):
        if candidate in ds.variables and ds[candidate].attrs.get("long_name"):
            return _long_name(ds, candidate)
    return name.replace("_", " ")


def _outcome_units(name: str, units: str) -> str:
    return "%-points" if units == "%" and "change" in name else units


def _outcome_label(ds: xr.Dataset, name: str, units: str, width: int = 40) -> str:
    return textwrap.fill(axis_label(outcome_text(ds, name), _outcome_units(name, units)), width)


def varying_parameters(ds: xr.Dataset) -> List[str]:
    return [p for p in results.parameter_names(ds) if p in ds.variables and np.unique(ds[p].values).size > 1]


def is_grid(ds: xr.Dataset, params: Sequence[str]) -> bool:
    """True when the points are exactly the full factorial of the parameters' distinct values."""
    if not params:
        return False
    n_levels = [np.unique(ds[p].values).size for p in params]
    combos = {tuple(ds[p].values[i] for p in params) for i in range(ds.sizes["point"])}
    return int(np.prod(n_levels)) == len(combos) == ds.sizes["point"]


def is_saltelli(ds: xr.Dataset) -> bool:
    return "saltelli_block" in ds.variables and "saltelli_row" in ds.variables


def _per_lever(ds, mean, lo, hi, lever: str):
    """The outcome against one lever as numpy arrays (point first): x sorted, and mean/lo/hi in that order.

    When other parameters vary too, points with the same lever value are averaged and lo/hi are dropped."""
    x = np.asarray(ds[lever].values)
    others = [p for p in varying_parameters(ds) if p != lever]

    def as_array(v):
        return None if v is None else v.transpose("point", ...).values.astype(float)

    mean, lo, hi = as_array(mean), as_array(lo), as_array(hi)
    if others:
        levels = np.unique(x)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            reduced = np.stack([np.nanmean(mean[x == v], axis=0) for v in levels])
        return levels, reduced, None, None, others
    order = np.argsort(x, kind="stable")
    take = (lambda v: None if v is None else v[order])
    return x[order], take(mean), take(lo), take(hi), others


def fig_sweep_one_lever(ds: xr.Dataset, outcome: str = "change_difference_mean", lever: Optional[str] = None,
                        arm: Optional[str] = None) -> Figure:
    """An outcome over one swept parameter: line with its 95% band (per arm for arm-level outcomes)."""
    lever = lever or varying_parameters(ds)[0]
    mean_da, lo, hi, units, name = sobol.point_outcome(ds, outcome, arm)
    per_arm = "arm" in mean_da.dims
    x, mean, lo, hi, others = _per_lever(ds, mean_da, lo, hi, lever)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure()
        ax = fig.add_subplot()
        if per_arm:
            arm_names = [str(a) for a in mean_da["arm"].values]
            series = [(a, mean[:, j], None if lo is None else lo[:, j], None if hi is None else hi[:, j])
                      for j, a in enumerate(arm_names)]
        else:
            series = [(None, mean, lo, hi)]
        for i, (a, m, l, h) in enumerate(series):
            color = arm_color(i) if a is not None else OKABE_ITO["blue"]
            label = results.arm_label(a) if a is not None else None
            if l is not None and h is not None:
                _draw_band(ax, x, m, l, h, color, arm_linestyle(i), label, marker=ARM_MARKERS[i % 7])
            else:
                ax.plot(x, m, color=color, linestyle=arm_linestyle(i), marker=ARM_MARKERS[i % 7], label=label)
        if "difference" in name:
            ax.axhline(0, color=FOLLOWUP_COLOR, linewidth=1, zorder=1)
        ax.set_xlabel(_param_label(ds, lever))
        ax.set_ylabel(_outcome_label(ds, name, units))
        if len(series) > 1:
            ax.legend(title="arm")
        note = (f"points: mean over replicates, averaged over {', '.join(others)}" if others else
                "points: mean over replicates; shading: 95% interval across replicates" if lo is not None else
                "points: mean over replicates")
        _title(fig, ds, f"{outcome_text(ds, name)} over {lever}" + (f" ({results.arm_label(arm)})" if arm else ""),
               note)
    return fig


def grid_matrix(ds: xr.Dataset, values: xr.DataArray, levers: Sequence[str]):
    """A per-point DataArray as a matrix over two levers: (x levels, y levels, matrix[y, x]); other parameters
    averaged."""
    px, py = levers
    x = ds[px].values
    y = ds[py].values
    xs, ys = np.unique(x), np.unique(y)
    mat = np.full((ys.size, xs.size), np.nan)
    counts = np.zeros_like(mat)
    v = values.transpose("point").values.astype(float)
    for i in range(v.size):
        if np.isfinite(v[i]):
            r, c = np.searchsorted(ys, y[i]), np.searchsorted(xs, x[i])
            mat[r, c] = (0 if np.isnan(mat[r, c]) else mat[r, c]) + v[i]
            counts[r, c] += 1
    with np.errstate(invalid="ignore"):
        mat = mat / np.where(counts == 0, np.nan, counts)
    return xs, ys, mat


def _fmt_level(v) -> str:
    return f"{v:g}" if isinstance(v, (float, np.floating, int, np.integer)) else str(v)


def fig_sweep_two_levers(ds: xr.Dataset, outcome: str = "change_difference_mean",
                         levers: Optional[Sequence[str]] = None, arm: Optional[str] = None) -> Figure:
    """Heat map of an outcome over two swept parameters (one panel per arm for arm-level outcomes)."""
    levers = list(levers or varying_parameters(ds)[:2])
    mean, _, _, units, name = sobol.point_outcome(ds, outcome, arm)
    panels = [(None, mean)]
    if "arm" in mean.dims:
        panels = [(a, mean.sel(arm=a)) for a in results.arms(ds)]
    mats = [(a,) + grid_matrix(ds, m, levers) for a, m in panels]
    finite = np.concatenate([m[3][np.isfinite(m[3])] for m in mats]) if mats else np.array([])
    vmin, vmax = (finite.min(), finite.max()) if finite.size else (0, 1)
    others = [p for p in varying_parameters(ds) if p not in levers]
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(6.2 * len(mats) + 0.8, 5.0)
        axes = fig.subplots(1, len(mats), squeeze=False)[0]
        image = None
        for ax, (a, xs, ys, mat) in zip(axes, mats):
            image = ax.imshow(mat, origin="lower", aspect="auto", cmap=SEQUENTIAL_CMAP, vmin=vmin, vmax=vmax)
            ax.set_xticks(np.arange(xs.size), [_fmt_level(v) for v in xs])
            ax.set_yticks(np.arange(ys.size), [_fmt_level(v) for v in ys])
            ax.grid(False)
            ax.set_xlabel(_param_label(ds, levers[0]))
            ax.set_ylabel(_param_label(ds, levers[1]))
            if a is not None:
                ax.set_title(results.arm_label(a))
            if mat.size <= 150:
                cmap = matplotlib.colormaps[SEQUENTIAL_CMAP]
                for (r, c), v in np.ndenumerate(mat):
                    if not np.isfinite(v):
                        continue
                    rgba = cmap((v - vmin) / (vmax - vmin) if vmax > vmin else 0.5)
                    luminance = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2]
                    ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=9.5,
                            color="black" if luminance > 0.5 else "white")
        cbar = fig.colorbar(image, ax=list(axes), shrink=0.9)
        cbar.set_label(_outcome_label(ds, name, units))
        note = f"mean over {', '.join(others)}" if others else "mean across replicates at each point"
        arm_text = f" ({results.arm_label(arm)})" if arm else ""
        _title(fig, ds, f"{outcome_text(ds, name)}{arm_text}\nover {levers[0]} and {levers[1]}", note)
    return fig


def fig_sweep_scatter(ds: xr.Dataset, outcome: str = "change_difference_mean", arm: Optional[str] = None) -> Figure:
    """The outcome's per-point mean against each swept parameter (for designs that are not small grids)."""
    mean, _, _, units, name = sobol.point_outcome(ds, outcome, arm)
    if "arm" in mean.dims:
        raise results.ResultsError(f"{outcome} is given per arm; choose one with --arm")
    params = [p for p in results.parameter_names(ds) if p in ds.variables]
    ncol = min(3, len(params))
    nrow = math.ceil(len(params) / ncol)
    y = mean.transpose("point").values
    if is_saltelli(ds):  # the A and B blocks are the independent samples; AB_i repeat them
        keep = ds["saltelli_block"].values < 2
    else:
        keep = np.ones(y.size, dtype=bool)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(3.4 * ncol + 0.6, 3.0 * nrow + 1.2)
        axes = fig.subplots(nrow, ncol, sharey=True, squeeze=False).ravel()
        for ax, p in zip(axes, params):
            ax.scatter(ds[p].values[keep], y[keep], s=14, color=OKABE_ITO["blue"], alpha=0.7, linewidths=0)
            ax.set_xlabel(_param_label(ds, p))
        for r in range(nrow):
            axes[r * ncol].set_ylabel(_outcome_label(ds, name, units))
        for ax in axes[len(params):]:
            ax.set_visible(False)
        note = "A and B blocks of the Saltelli design" if is_saltelli(ds) else "one dot per design point"
        arm_text = f" ({results.arm_label(arm)})" if arm else ""
        _title(fig, ds, f"{outcome_text(ds, name)}{arm_text} against each parameter", note)
    return fig


def fig_sobol(table: pd.DataFrame, ds: Optional[xr.Dataset] = None) -> Figure:
    """First-order and total Sobol indices per parameter with their bootstrap confidence intervals."""
    params = list(table["parameter"])
    n = len(params)
    y = np.arange(n)[::-1]
    height = 0.38
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(7.4, 1.6 + 0.55 * n + 0.9)
        ax = fig.add_subplot()
        for offset, col, color, hatch, label in (
                (height / 2, "S1", OKABE_ITO["blue"], None, "first order $S_i$ (Saltelli 2010)"),
                (-height / 2, "ST", OKABE_ITO["orange"], "//", "total effect $S_{Ti}$ (Jansen 1999)")):
            values = table[col].to_numpy()
            lo = table[f"{col}_lo"].to_numpy()
            hi = table[f"{col}_hi"].to_numpy()
            err = np.vstack([np.clip(values - lo, 0, None), np.clip(hi - values, 0, None)])
            ax.barh(y + offset, values, height=height, color=color, edgecolor="black", linewidth=0.6, hatch=hatch,
                    label=label, xerr=None if np.all(np.isnan(err)) else err,
                    error_kw={"ecolor": "black", "capsize": 3, "linewidth": 1.1})
        labels = [f"{p}\n({unit_text(u)})" if "units" in table and u else p
                  for p, u in zip(params, table["units"] if "units" in table else [""] * n)]
        ax.set_yticks(y, labels)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(axis_label("Sobol index, share of output variance", "1"))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        outcome = table.attrs.get("outcome", "outcome")
        arm = table.attrs.get("arm")
        text = outcome_text(ds, outcome) if ds is not None else outcome.replace("_", " ")
        main = f"Sobol sensitivity of {text}" + (f" ({results.arm_label(arm)})" if arm else "")
        note = (f"Saltelli design, N = {table.attrs.get('n_base_samples', '?')} base samples; "
                f"bars: {table.attrs.get('confidence', 0.95):.0%} bootstrap CI "
                f"({table.attrs.get('n_boot', 0)} resamples)")
        if ds is not None:
            _title(fig, ds, main, note)
        else:
            fig.suptitle(main + "\n" + note)
    return fig


# -------------------------------------------------------------------------------------------------------- saving

def save(fig: Figure, out_dir: str, stem: str, formats: Iterable[str] = ("png",),
         metadata_source: Optional[str] = None) -> List[str]:
    """Write ``fig`` as ``out_dir/stem.<format>`` for each format; returns the paths."""
    os.makedirs(out_dir, exist_ok=True)
    written = []
    with matplotlib.rc_context(STYLE):
        for fmt in formats:
            if fmt not in FORMATS:
                raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
            path = os.path.join(out_dir, f"{stem}.{fmt}")
            metadata = None
            if fmt == "png":
                metadata = {"Software": "coachsim_analysis (matplotlib)"}
                if metadata_source:
                    metadata["Source"] = metadata_source
            elif fmt == "pdf":
                metadata = {"Creator": "coachsim_analysis", "CreationDate": None}
            elif fmt == "svg":
                metadata = {"Date": None}
            fig.savefig(path, format=fmt, metadata=metadata)
            written.append(path)
    return written


def sweep_figures(ds: xr.Dataset, outcome: Optional[str] = None, arm: Optional[str] = None,
                  levers: Optional[Sequence[str]] = None, n_boot: int = 1000,
                  seed: int = 0) -> Dict[str, Tuple[Figure, Optional[pd.DataFrame]]]:
    """The figure set of a sweep: {stem: (figure, table or None)}."""
    figures: Dict[str, Tuple[Figure, Optional[pd.DataFrame]]] = {}
    varying = varying_parameters(ds)
    levers = list(levers) if levers else None
    if levers:
        unknown = [p for p in levers if p not in results.parameter_names(ds)]
        if unknown or len(levers) not in (1, 2):
            raise results.ResultsError(f"--levers takes one or two of: {', '.join(results.parameter_names(ds))}")
    outcomes = [outcome] if outcome else ["change_difference_mean", "change_mean_mean"]
    outcomes = [o for o in outcomes if _has_outcome(ds, o)]
    if not outcomes:
        raise results.ResultsError(f"the sweep has no outcome {outcome or 'change_difference_mean'!r}")
    grid = is_grid(ds, varying)
    for o in outcomes:
        mean, _, _, _, name = sobol.point_outcome(ds, o, arm)
        per_arm = "arm" in mean.dims
        suffix = "_by_arm" if per_arm else ""
        chosen = levers or (varying if grid and len(varying) in (1, 2) else None)
        if chosen and len(chosen) == 1:
            figures[f"sweep_{name}{suffix}"] = (fig_sweep_one_lever(ds, o, chosen[0], arm), None)
        elif chosen and len(chosen) == 2:
            figures[f"heatmap_{name}{suffix}"] = (fig_sweep_two_levers(ds, o, chosen, arm), None)
        elif not per_arm:
            figures[f"scatter_{name}"] = (fig_sweep_scatter(ds, o, arm), None)
        if is_saltelli(ds) and not per_arm:
            table = sobol.sweep_sensitivity(ds, o, arm=arm, n_boot=n_boot, seed=seed)
            figures[f"sobol_{name}"] = (fig_sobol(table, ds), table)
    return figures


def _has_outcome(ds: xr.Dataset, outcome: str) -> bool:
    try:
        sobol.point_outcome(ds, outcome)
        return True
    except results.ResultsError:
        return False


def plot_file(path: str, out_dir: str, formats: Sequence[str] = ("png",), only: Optional[Sequence[str]] = None,
              outcome: Optional[str] = None, arm: Optional[str] = None, levers: Optional[Sequence[str]] = None,
              n_boot: int = 1000, seed: int = 0) -> List[str]:
    """Write the figure set of a results file (run or sweep) into ``out_dir``; returns the written paths.

    ``only``: figure stems to write (e.g. ``["hba1c_trajectory"]``); ``outcome``/``arm``/``levers``: sweep figures
    (see :func:`sweep_figures`). For Saltelli sweeps the Sobol table is written next to its figure as CSV.
    """
    from . import economics
    economic = set(economics.RUN_FIGURES + economics.PSA_FIGURES)
    wanted = [s for s in only if s in economic] if only else None
    rest = [s for s in only if s not in economic] if only else None
    written: List[str] = []
    lazy = results.kind(path) == "sweep"  # sweep figures read only the per-point summaries
    if not only or rest:
        with results.load(path, lazy=lazy) as ds:
            written = _plot_dataset(ds, os.path.basename(os.fspath(path)), out_dir, formats, rest, outcome, arm,
                                    levers, n_boot, seed)
    # Costs, QALYs and a PSA's cost-effectiveness plane and acceptability curve (coachsim_analysis.economics).
    figures = economics.economic_figures(path)
    missing = [s for s in (wanted or []) if s not in figures]
    if missing:
        raise results.ResultsError(f"unknown figure(s) {', '.join(missing)}; this file has: "
                                   f"{', '.join(figures) or 'no economic figures'}")
    for stem, fig in figures.items():
        if wanted is None or stem in wanted:
            written += save(fig, out_dir, stem, formats, os.path.basename(os.fspath(path)))
    return written


def _plot_dataset(ds, source, out_dir, formats, only, outcome, arm, levers, n_boot, seed) -> List[str]:
    written: List[str] = []
    if results.dataset_kind(ds) == "run":
        stems = list(only) if only else list(RUN_FIGURES)
        unknown = [s for s in stems if s not in RUN_FIGURE_FUNCTIONS]
        if unknown:
            raise results.ResultsError(f"unknown figure(s) {', '.join(unknown)}; known: {', '.join(RUN_FIGURES)}")
        for stem in stems:
            fig = RUN_FIGURE_FUNCTIONS[stem](ds)
            written += save(fig, out_dir, stem, formats, source)
        return written
    figures = sweep_figures(ds, outcome=outcome, arm=arm, levers=levers, n_boot=n_boot, seed=seed)
    if only:
        unknown = [s for s in only if s not in figures]
        if unknown:
            raise results.ResultsError(f"unknown figure(s) {', '.join(unknown)}; this sweep has: "
                                       f"{', '.join(figures)}")
        figures = {s: figures[s] for s in only}
    for stem, (fig, table) in figures.items():
        written += save(fig, out_dir, stem, formats, source)
        if table is not None:
            csv = os.path.join(out_dir, f"{stem}.csv")
            table.to_csv(csv, index=False)
            written.append(csv)
    return written
