"""Health economics from coachsim results files (docs/model.md, economics).

A run file carries, per replicate and arm, the discounted cost categories (``cost_*``), ``life_years``, ``qalys`` and
the increments against the same patients under usual care (``incremental_*``); its group ``economics`` holds the
means by year. A probabilistic sensitivity analysis (``coachsim psa``) is a sweep whose points are parameter draws.

    >>> import coachsim_analysis.economics as ce
    >>> draws = ce.psa_draws("results/default.psa.h5")       # one row per draw
    >>> ce.acceptability(draws).head()                       # wtp, probability
    >>> ce.plot_economics("results/default.psa.h5", "figures/")
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.figure import Figure

from . import results

COST_CATEGORIES = ("recruitment", "training", "coach_pay", "stipends", "supervision", "overhead", "provider_visits",
                   "provider_requests", "added_therapy", "complications")
DEFAULT_WTP = np.arange(0, 200_001, 5_000, dtype=float)
PSA_FIGURES = ("ce_plane", "acceptability_curve")
RUN_FIGURES = ("cost_breakdown", "qaly_trajectory")


def is_psa(ds: xr.Dataset) -> bool:
    """Whether a sweep Dataset is a probabilistic sensitivity analysis with economic outputs."""
    return ("incremental_cost" in ds.variables and "incremental_qalys" in ds.variables
            and "distribution = " in str(ds.attrs.get("sweep", "")))


def _treated(ds: xr.Dataset, arm: Optional[str]) -> str:
    arm = arm or ds.attrs.get("treated_arm")
    if arm is None:
        raise results.ResultsError("the file has no coached arm to compare with usual care; pass arm=")
    return str(arm)


def _arm_index(ds: xr.Dataset, arm: str) -> int:
    names = [str(a) for a in np.atleast_1d(ds["arm"].values)]
    if arm not in names:
        raise results.ResultsError(f"no arm {arm!r}; arms: {', '.join(names)}")
    return names.index(arm)


def psa_draws(source, arm: Optional[str] = None) -> pd.DataFrame:
    """Each draw's mean incremental cost and QALYs over its replicates (failed runs left out).

    ``source``: a PSA results file or its Dataset; ``arm``: the coached arm (default the file's ``treated_arm``).
    """
    ds = results.load(source) if isinstance(source, (str, os.PathLike)) else source
    arm = _treated(ds, arm)
    a = _arm_index(ds, arm)
    cost = np.asarray(ds["incremental_cost"].values, dtype=float)[:, :, a]
    qalys = np.asarray(ds["incremental_qalys"].values, dtype=float)[:, :, a]
    if "run_status" in ds.variables:
        failed = np.asarray(ds["run_status"].values) != 1
        cost = np.where(failed, np.nan, cost)
        qalys = np.where(failed, np.nan, qalys)
    return pd.DataFrame({"point": np.arange(cost.shape[0]), "incremental_cost": np.nanmean(cost, axis=1),
                         "incremental_qalys": np.nanmean(qalys, axis=1), "replicates": cost.shape[1]})


def acceptability(draws: pd.DataFrame, wtp: Sequence[float] = DEFAULT_WTP) -> pd.DataFrame:
    """The cost-effectiveness acceptability curve: the share of draws whose net monetary benefit
    ``wtp x incremental QALYs - incremental cost`` is positive, at each willingness to pay."""
    wtp = np.asarray(wtp, dtype=float)
    nmb = wtp[None, :] * draws["incremental_qalys"].to_numpy()[:, None] - draws["incremental_cost"].to_numpy()[:, None]
    valid = ~np.isnan(nmb)
    probability = np.where(valid, nmb > 0, False).sum(axis=0) / np.maximum(valid.sum(axis=0), 1)
    return pd.DataFrame({"wtp": wtp, "probability": probability})


def _figure(width: float = 6.4, height: float = 4.6) -> Figure:
    from . import plots
    return plots._new_figure(width, height)


def fig_ce_plane(ds: xr.Dataset, arm: Optional[str] = None, wtp: float = 50_000) -> Figure:
    """The cost-effectiveness plane: each draw's incremental QALYs (x) and cost (y), the mean, and the line of
    willingness to pay ``wtp``."""
    from . import plots
    arm = _treated(ds, arm)
    draws = psa_draws(ds, arm)
    fig = _figure()
    ax = fig.add_subplot(111)
    x, y = draws["incremental_qalys"], draws["incremental_cost"]
    ax.scatter(x, y, s=12, alpha=0.55, color=plots.ARM_COLORS[0], edgecolors="none", label="draws")
    ax.scatter([x.mean()], [y.mean()], s=70, marker="D", color=plots.OKABE_ITO["vermillion"], label="mean", zorder=3)
    span = np.array([min(0.0, float(np.nanmin(x))), max(0.0, float(np.nanmax(x)))]) * 1.1
    ax.plot(span, wtp * span, color=plots.FOLLOWUP_COLOR, linestyle="--", linewidth=1.2,
            label=f"{wtp:,.0f} USD per QALY")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("incremental QALYs per patient (discounted)")
    ax.set_ylabel("incremental cost per patient (USD, discounted)")
    ax.legend(loc="best")
    plots._title(fig, ds, f"Cost-effectiveness plane: {arm} vs usual care",
                 f"{len(draws)} parameter draws x {int(draws['replicates'].iloc[0])} replicates")
    return fig


def fig_acceptability(ds: xr.Dataset, arm: Optional[str] = None, wtp: Sequence[float] = DEFAULT_WTP) -> Figure:
    """The cost-effectiveness acceptability curve of a PSA."""
    from . import plots
    arm = _treated(ds, arm)
    curve = acceptability(psa_draws(ds, arm), wtp)
    fig = _figure()
    ax = fig.add_subplot(111)
    ax.plot(curve["wtp"] / 1000, curve["probability"], color=plots.ARM_COLORS[0])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("willingness to pay (thousand USD per QALY)")
    ax.set_ylabel("probability cost-effective")
    plots._title(fig, ds, f"Acceptability curve: {arm} against usual care", "share of parameter draws with a "
                 "positive net monetary benefit")
    return fig


def fig_cost_breakdown(ds: xr.Dataset) -> Figure:
    """Stacked bars of each arm's discounted cost per patient by category (means over replicates): the program and
    primary care on the left, where they are visible, everything over the horizon on the right."""
    from . import plots
    present = [c for c in COST_CATEGORIES if f"cost_{c}" in ds.variables]
    if not present:
        raise results.ResultsError("the run has no cost categories (cost_*)")
    arms = [str(a) for a in np.atleast_1d(ds["arm"].values)]
    means = {c: np.nanmean(np.asarray(ds[f"cost_{c}"].values, dtype=float), axis=0) for c in present}
    palette = list(plots.OKABE_ITO.values())[1:] + ["#999999", "#444444", "#bbbbbb"]
    colors = {c: palette[i % len(palette)] for i, c in enumerate(COST_CATEGORIES)}
    fig = _figure(9.0, 4.6)
    panels = [("program and primary care", [c for c in present if c not in ("added_therapy", "complications")]),
              ("every cost over the horizon", present)]
    for k, (title, categories) in enumerate(panels):
        ax = fig.add_subplot(1, 2, k + 1)
        bottom = np.zeros(len(arms))
        for c in categories:
            ax.bar(arms, means[c], bottom=bottom, color=colors[c], label=c.replace("_", " ") if k == 1 else None)
            bottom += means[c]
        ax.set_title(title)
        if k == 0:
            ax.set_ylabel("USD per enrolled patient (discounted)")
    fig.legend(loc="center right", fontsize=9)
    plots._title(fig, ds, "Costs by category", "means over replicates")
    fig.tight_layout(rect=(0, 0, 0.8, 1))
    return fig


def economics_group(path) -> xr.Dataset:
    """The ``economics`` group of a run file (costs, life-years and QALYs by year)."""
    try:
        with xr.open_dataset(path, group="economics", engine="h5netcdf", decode_times=False,
                             decode_timedelta=False) as opened:
            return opened.load()
    except (OSError, ValueError, KeyError) as e:
        raise results.ResultsError(f"{os.fspath(path)}: no economics group ({e})") from None


def fig_qaly_trajectory(ds: xr.Dataset, economics: xr.Dataset) -> Figure:
    """QALYs gained by year (undiscounted, cumulative) by each arm over its patients under usual care."""
    from . import plots
    arms = [str(a) for a in np.atleast_1d(ds["arm"].values)]
    gained = np.cumsum(economics["qalys_by_year"].values - economics["usual_care_qalys_by_year"].values, axis=1)
    years = np.asarray(economics["year"].values) + 1
    fig = _figure()
    ax = fig.add_subplot(111)
    for i, arm in enumerate(arms):
        ax.plot(years, gained[i], color=plots.arm_color(i), linestyle=plots.arm_linestyle(i), marker="o",
                markersize=3.5, label=arm)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("years since enrolment")
    ax.set_ylabel("cumulative QALYs gained per patient")
    ax.legend(loc="best")
    plots._title(fig, ds, "QALYs gained against the same patients under usual care", "undiscounted, means over "
                 "replicates")
    return fig


def economic_figures(path) -> Dict[str, Figure]:
    """The economic figures a results file supports: {stem: figure} (empty when it has none)."""
    kind = results.kind(path)
    if kind == "sweep":
        with results.load(path, lazy=True) as ds:
            if not is_psa(ds):
                return {}
            return {"ce_plane": fig_ce_plane(ds), "acceptability_curve": fig_acceptability(ds)}
    if kind != "run":
        return {}
    ds = results.load(path)
    figures: Dict[str, Figure] = {}
    if "cost_total" in ds.variables:
        figures["cost_breakdown"] = fig_cost_breakdown(ds)
        try:
            figures["qaly_trajectory"] = fig_qaly_trajectory(ds, economics_group(path))
        except results.ResultsError:
            pass
    return figures


def plot_economics(path, out_dir: str, formats: Sequence[str] = ("png",)) -> List[str]:
    """Write the economic figures of a results file into ``out_dir``; returns the written paths."""
    from . import plots
    written: List[str] = []
    for stem, fig in economic_figures(path).items():
        written += plots.save(fig, out_dir, stem, formats, os.path.basename(os.fspath(path)))
    return written
