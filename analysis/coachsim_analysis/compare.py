"""Figures of a compare file (``coachsim compare A.toml B.toml ...``, Conventions ``coachsim-compare-1``).

Every output of a single run carries a leading ``design`` dimension; ``stat_<key>`` (design, replicate) holds each
compared statistic per replicate. Because the designs ran on common random numbers, replicate r of every design
saw the same people, so differences between designs are taken per replicate (paired) before averaging.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence

import matplotlib
import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from . import results
from .plots import (ARM_LINESTYLES, ARM_MARKERS, BAND_LEVEL, STYLE, _mark_followup, _new_figure, _title, _week_axis,
                    arm_color, axis_label, replicate_band, save)

COMPARE_FIGURES = ("compare_trajectory", "cost_effect")
EFFECT = "stat_itt_change_difference"
COST = "stat_cost_per_patient_treated"


def designs(ds: xr.Dataset) -> List[str]:
    return [results._text(d) for d in ds["design"].values]


def design_titles(ds: xr.Dataset) -> List[str]:
    if "design_title" not in ds.variables:
        return designs(ds)
    return [results._text(t) for t in ds["design_title"].values]


def _require_compare(ds: xr.Dataset) -> None:
    if results.dataset_kind(ds) != "compare":
        raise results.ResultsError("not a compare file (coachsim compare)")


def paired_differences(ds: xr.Dataset, key: str, level: float = BAND_LEVEL):
    """(mean, lo, hi) per design of ``stat_<key>`` minus the first design's, replicate by replicate."""
    _require_compare(ds)
    values = ds[f"stat_{key}"].transpose("design", "replicate")
    diff = values - values.isel(design=0)
    return replicate_band(diff, level=level)


def fig_compare_trajectory(ds: xr.Dataset, variable: str = "hba1c_true_mean") -> Figure:
    """HbA1c over time, one colour per design and one line style per arm (mean across replicates)."""
    _require_compare(ds)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(7.6, 4.8)
        ax = fig.add_subplot()
        mean, lo, hi = replicate_band(ds[variable])
        weeks = ds["week"].values
        for d, (name, title) in enumerate(zip(designs(ds), design_titles(ds))):
            for a, arm in enumerate(results.arms(ds)):
                m = mean.sel(design=name, arm=arm)
                ax.plot(weeks, m, color=arm_color(d), linestyle=ARM_LINESTYLES[a % len(ARM_LINESTYLES)],
                        label=f"{title}: {results.arm_label(arm)}")
                if a == 0:
                    ax.fill_between(weeks, lo.sel(design=name, arm=arm), hi.sel(design=name, arm=arm),
                                    color=arm_color(d), alpha=0.12, linewidth=0)
        _mark_followup(ax, ds)
        _week_axis(ax, ds)
        ax.set_ylabel(axis_label("Mean true HbA1c", results.units_of(ds, variable)))
        ax.legend(loc="best", fontsize=8.5)
        n = ds.sizes.get("replicate", 0)
        _title(fig, ds, "HbA1c by design and arm",
               f"lines: mean of {n} replicates (same people in every design); shading: {BAND_LEVEL:.0%} range of "
               f"the first arm")
    return fig


def fig_cost_effect(ds: xr.Dataset) -> Figure:
    """Cost per coached patient against the ITT effect, per design: mean and 95% range across replicates."""
    _require_compare(ds)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(7.0, 4.8)
        ax = fig.add_subplot()
        effect, e_lo, e_hi = replicate_band(ds[EFFECT])
        cost, c_lo, c_hi = replicate_band(ds[COST])
        for d, (name, title) in enumerate(zip(designs(ds), design_titles(ds))):
            x, y = float(effect.sel(design=name)), float(cost.sel(design=name))
            ax.errorbar(x, y, xerr=[[x - float(e_lo.sel(design=name))], [float(e_hi.sel(design=name)) - x]],
                        yerr=[[y - float(c_lo.sel(design=name))], [float(c_hi.sel(design=name)) - y]],
                        color=arm_color(d), marker=ARM_MARKERS[d % len(ARM_MARKERS)], markersize=8, capsize=4,
                        linestyle="none", label=title)
        treated = results._text(ds.attrs.get("treated_arm", "coached"))
        reference = results._text(ds.attrs.get("reference_arm", "usual care"))
        ax.set_xlabel(axis_label(f"ITT HbA1c change, {results.arm_label(treated)} - {results.arm_label(reference)}",
                                 results.units_of(ds, EFFECT) or "%"))
        ax.set_ylabel(axis_label(f"Cost per {results.arm_label(treated)} patient", "USD"))
        ax.legend(loc="best")
        _title(fig, ds, "Cost and effect by design",
               "points: mean over replicates; bars: 95% range across replicates (left = larger HbA1c reduction)")
    return fig


FIGURE_FUNCTIONS = {"compare_trajectory": fig_compare_trajectory, "cost_effect": fig_cost_effect}


def compare_figures(ds: xr.Dataset) -> Dict[str, Figure]:
    return {stem: FIGURE_FUNCTIONS[stem](ds) for stem in COMPARE_FIGURES}


def plot_compare_file(path: str, out_dir: str, formats: Sequence[str] = ("png",),
                      only: Optional[Sequence[str]] = None) -> List[str]:
    """Write the figure set of a compare file into ``out_dir``; returns the written paths."""
    stems = list(only) if only else list(COMPARE_FIGURES)
    unknown = [s for s in stems if s not in FIGURE_FUNCTIONS]
    if unknown:
        raise results.ResultsError(f"unknown figure(s) {', '.join(unknown)}; known: {', '.join(COMPARE_FIGURES)}")
    ds = results.load(path)
    _require_compare(ds)
    written: List[str] = []
    for stem in stems:
        written += save(FIGURE_FUNCTIONS[stem](ds), out_dir, stem, formats, os.path.basename(os.fspath(path)))
    return written
