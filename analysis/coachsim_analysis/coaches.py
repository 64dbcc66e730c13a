"""Per-coach and per-patient tables of a single run (``output.coach_table``, ``output.patient_table``) and the
within-trial regression of coach traits on patients' change that Rogers 2014 ran on the Thom trial.

    >>> import coachsim_analysis as ca
    >>> coaches = ca.coach_table("results/default.h5")      # one row per (replicate, coach)
    >>> ca.trait_regression(coaches)                         # OLS: patients' change on coach traits
    >>> ca.fig_coach_traits("results/default.h5").savefig("coach_traits.png")
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import xarray as xr

from .results import ResultsError, load

COACH_PREFIX = "coach_"
ROGERS_TRAITS = ("distress", "self_efficacy", "depressed")


def _dataset(source) -> xr.Dataset:
    return source if isinstance(source, xr.Dataset) else load(source)


def coach_table(source) -> pd.DataFrame:
    """One row per replicate and founding coach: ``replicate``, ``coach`` and every ``coach_*`` variable without
    its prefix (``distress``, ``self_efficacy``, ``patients_change``, ...). Rows a replicate does not fill (its
    reciprocal peers are fewer than the table's rows) are left out."""
    ds = _dataset(source)
    names = [v for v in ds.data_vars if v.startswith(COACH_PREFIX) and ds[v].dims == ("replicate", "coach")]
    if not names:
        raise ResultsError("no coach table in the file: run the scenario with output.coach_table = true")
    # A replicate with fewer founding coaches than the table's rows (reciprocal peers) has all-NaN rows past them.
    df = ds[names].to_dataframe().dropna(how="all").reset_index()
    return df.rename(columns={n: n[len(COACH_PREFIX):] for n in names})


def patient_coach_table(source) -> pd.DataFrame:
    """One row per replicate and patient with the patient's enrolment behaviour, first coach and that coach's
    traits (needs both ``output.patient_table`` and ``output.coach_table``)."""
    ds = _dataset(source)
    if "patient_coach" not in ds:
        raise ResultsError("no patient table in the file: run the scenario with output.patient_table = true")
    names = [v for v in ds.data_vars if v.startswith("patient_") and ds[v].dims == ("replicate", "patient")]
    patients = ds[names].to_dataframe().reset_index()
    patients = patients.rename(columns={n: n[len("patient_"):] for n in names})
    coaches = coach_table(ds).add_prefix("coach_").rename(columns={"coach_replicate": "replicate",
                                                                   "coach_coach": "coach"})
    return patients.merge(coaches, how="left", on=["replicate", "coach"])


def trait_regression(coaches: pd.DataFrame, outcome: str = "patients_change",
                     traits: Sequence[str] = ROGERS_TRAITS) -> pd.DataFrame:
    """Ordinary least squares of ``outcome`` on ``traits`` (with an intercept) over the rows that have an
    outcome: coefficient, standard error and t for each term. Negative coefficients on a change mean the trait
    goes with more improvement."""
    df = coaches.dropna(subset=[outcome, *traits])
    x = np.column_stack([np.ones(len(df))] + [df[t].to_numpy(float) for t in traits])
    y = df[outcome].to_numpy(float)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual = y - x @ beta
    dof = max(len(y) - x.shape[1], 1)
    cov = np.linalg.inv(x.T @ x) * (residual @ residual) / dof
    se = np.sqrt(np.diag(cov))
    return pd.DataFrame({"coefficient": beta, "se": se, "t": beta / se}, index=["intercept", *traits])


def fig_coach_traits(source, traits: Sequence[str] = ("distress", "self_efficacy")):
    """Patients' mean change by their coach's trait: coaches binned by the trait (deciles), the mean change per
    bin with its 95% interval, and the least-squares line."""
    from .plots import _new_figure  # matplotlib only when drawing

    coaches = coach_table(source).dropna(subset=["patients_change"])
    fig = _new_figure(width=3.6 * len(traits), height=3.6)
    axes = fig.subplots(1, len(traits), squeeze=False)[0]
    for ax, trait in zip(axes, traits):
        bins = pd.qcut(coaches[trait], 10, duplicates="drop")
        grouped = coaches.groupby(bins, observed=True)
        x = grouped[trait].mean()
        mean = grouped["patients_change"].mean()
        half = 1.96 * grouped["patients_change"].std() / np.sqrt(grouped.size())
        ax.errorbar(x, mean, yerr=half, fmt="o", color="#1f4e79", ms=4, capsize=2)
        slope, intercept = np.polyfit(coaches[trait], coaches["patients_change"], 1)
        grid = np.linspace(coaches[trait].min(), coaches[trait].max(), 20)
        ax.plot(grid, intercept + slope * grid, color="#c0504d", lw=1.2, label=f"slope {slope:+.2f}")
        ax.set_xlabel(f"coach {trait.replace('_', ' ')}")
        ax.set_ylabel("patients' mean change in HbA1c (%-points)")
        ax.legend(frameon=False, fontsize=8)
    fig.suptitle("Coach traits and their patients' change (within trial, pooled over replicates)", fontsize=9)
    return fig
