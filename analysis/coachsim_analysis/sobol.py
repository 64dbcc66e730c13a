"""Variance-based (Sobol) global sensitivity indices from a Saltelli design.

Notation (Saltelli et al. 2010, Comput. Phys. Commun. 181:259): A and B are two independent N x k sample matrices;
AB_i is A with its column i taken from B. With f_A = f(A), f_B = f(B), f_ABi = f(AB_i) and V the variance of the
output over A and B together,

    first order  S_i  = mean(f_B * (f_ABi - f_A)) / V               (Saltelli 2010, Table 2 (b))
    total effect ST_i = mean((f_A - f_ABi) ** 2) / 2 / V              (Jansen 1999, Saltelli 2010 Table 2 (f))

Confidence intervals come from a bootstrap over the N rows (the same rows for A, B and every AB_i).

A coachsim sweep with a Saltelli design stores the block of each point in ``saltelli_block`` (0 = A, 1 = B,
2 + i = AB_i for parameter i) and its row in ``saltelli_row``; :func:`sweep_sensitivity` rebuilds f_A, f_B, f_AB from
a per-point outcome and returns the table of indices.
"""
from __future__ import annotations

import warnings
from typing import Callable, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import xarray as xr

from . import results

__all__ = [
    "first_order", "total_effect", "sobol_indices", "saltelli_matrices", "evaluate_saltelli", "ishigami",
    "ISHIGAMI_INDICES", "sweep_sensitivity", "sweep_saltelli_outputs",
]


def _variance(f_a: np.ndarray, f_b: np.ndarray) -> float:
    return float(np.var(np.concatenate([f_a, f_b]), ddof=1))


def first_order(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> np.ndarray:
    """Saltelli (2010) first-order indices, one per column of ``f_ab`` (shape N x k)."""
    f_a, f_b, f_ab = _check(f_a, f_b, f_ab)
    v = _variance(f_a, f_b)
    return np.mean(f_b[:, None] * (f_ab - f_a[:, None]), axis=0) / v


def total_effect(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> np.ndarray:
    """Jansen (1999) total-effect indices, one per column of ``f_ab`` (shape N x k)."""
    f_a, f_b, f_ab = _check(f_a, f_b, f_ab)
    v = _variance(f_a, f_b)
    return 0.5 * np.mean((f_a[:, None] - f_ab) ** 2, axis=0) / v


def _check(f_a, f_b, f_ab):
    f_a = np.asarray(f_a, dtype=float).reshape(-1)
    f_b = np.asarray(f_b, dtype=float).reshape(-1)
    f_ab = np.asarray(f_ab, dtype=float)
    if f_ab.ndim == 1:
        f_ab = f_ab[:, None]
    n = f_a.shape[0]
    if f_b.shape[0] != n or f_ab.shape[0] != n:
        raise ValueError(f"f_A, f_B and f_AB need the same number of rows (got {n}, {f_b.shape[0]}, {f_ab.shape[0]})")
    if n < 2:
        raise ValueError("need at least 2 rows")
    return f_a, f_b, f_ab


def sobol_indices(f_a, f_b, f_ab, *, names: Optional[Sequence[str]] = None, n_boot: int = 1000,
                  confidence: float = 0.95, seed: Optional[int] = 0) -> pd.DataFrame:
    """First-order and total indices with percentile bootstrap confidence intervals.

    ``f_a``, ``f_b``: outputs on A and B (length N); ``f_ab``: outputs on AB_i (N x k, column i for parameter i).
    Rows with a NaN in any of them are dropped (with a warning). Returns one row per parameter with columns
    ``parameter, S1, S1_lo, S1_hi, ST, ST_lo, ST_hi`` (lo/hi: the ``confidence`` percentile interval of ``n_boot``
    bootstrap resamples of the rows; NaN when ``n_boot`` is 0).
    """
    f_a, f_b, f_ab = _check(f_a, f_b, f_ab)
    finite = np.isfinite(f_a) & np.isfinite(f_b) & np.all(np.isfinite(f_ab), axis=1)
    if not finite.all():
        warnings.warn(f"sobol_indices: dropping {int((~finite).sum())} of {finite.size} rows with missing outputs")
        f_a, f_b, f_ab = f_a[finite], f_b[finite], f_ab[finite]
    n, k = f_ab.shape
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(k)]
    if len(names) != k:
        raise ValueError(f"{len(names)} names for {k} parameters")
    if _variance(f_a, f_b) == 0:
        raise ValueError("the output does not vary over the design; Sobol indices are undefined")
    s1 = first_order(f_a, f_b, f_ab)
    st = total_effect(f_a, f_b, f_ab)
    alpha = (1 - confidence) / 2
    if n_boot and n_boot > 0:
        rng = np.random.default_rng(seed)
        boot_s1 = np.empty((n_boot, k))
        boot_st = np.empty((n_boot, k))
        for b in range(n_boot):
            rows = rng.integers(0, n, n)
            a, bb, ab = f_a[rows], f_b[rows], f_ab[rows]
            v = _variance(a, bb)
            if v == 0:
                boot_s1[b] = boot_st[b] = np.nan
                continue
            boot_s1[b] = np.mean(bb[:, None] * (ab - a[:, None]), axis=0) / v
            boot_st[b] = 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / v
        s1_lo, s1_hi = np.nanquantile(boot_s1, [alpha, 1 - alpha], axis=0)
        st_lo, st_hi = np.nanquantile(boot_st, [alpha, 1 - alpha], axis=0)
    else:
        s1_lo = s1_hi = st_lo = st_hi = np.full(k, np.nan)
    table = pd.DataFrame({"parameter": names, "S1": s1, "S1_lo": s1_lo, "S1_hi": s1_hi,
                          "ST": st, "ST_lo": st_lo, "ST_hi": st_hi})
    table.attrs.update({"n_base_samples": n, "n_boot": int(n_boot or 0), "confidence": confidence,
                        "first_order": "Saltelli 2010", "total_effect": "Jansen 1999"})
    return table


def saltelli_matrices(n: int, bounds: Sequence[Tuple[float, float]], *, seed: Optional[int] = 0,
                      method: str = "auto") -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample matrices A, B (N x k) and AB (k x N x k, AB[i] = A with column i from B) scaled to ``bounds``.

    ``method``: ``"sobol"`` (scrambled Sobol' sequence in 2k dimensions, A from the first k, B from the last k;
    needs scipy), ``"random"`` (independent uniforms from numpy), or ``"auto"`` (Sobol' when scipy is installed).
    For ``"sobol"`` N should be a power of two.
    """
    bounds = np.asarray(bounds, dtype=float)
    k = bounds.shape[0]
    if method == "auto":
        try:
            import scipy.stats.qmc  # noqa: F401
            method = "sobol"
        except ImportError:
            method = "random"
    if method == "sobol":
        from scipy.stats import qmc
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # balance warning when n is not a power of two
            base = qmc.Sobol(d=2 * k, scramble=True, seed=seed).random(n)
    elif method == "random":
        base = np.random.default_rng(seed).random((n, 2 * k))
    else:
        raise ValueError(f"unknown method {method!r} (sobol, random, auto)")
    lo, width = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    a = lo + width * base[:, :k]
    b = lo + width * base[:, k:]
    ab = np.repeat(a[None, :, :], k, axis=0)
    for i in range(k):
        ab[i, :, i] = b[:, i]
    return a, b, ab


def evaluate_saltelli(func: Callable[[np.ndarray], np.ndarray], a: np.ndarray, b: np.ndarray, ab: np.ndarray):
    """Evaluate a vectorised ``func`` (rows -> outputs) on A, B and each AB_i: returns f_A, f_B, f_AB (N x k)."""
    f_a = np.asarray(func(a), dtype=float)
    f_b = np.asarray(func(b), dtype=float)
    f_ab = np.stack([np.asarray(func(ab[i]), dtype=float) for i in range(ab.shape[0])], axis=1)
    return f_a, f_b, f_ab


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """Ishigami & Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1, each x uniform on [-pi, pi]."""
    x = np.asarray(x, dtype=float)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def _ishigami_analytic(a: float = 7.0, b: float = 0.1):
    pi4 = np.pi ** 4
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return {"S1": np.array([v1, v2, 0.0]) / v, "ST": np.array([v1 + v13, v2, v13]) / v}


ISHIGAMI_INDICES = _ishigami_analytic()
"""Analytic indices of the Ishigami function with a = 7, b = 0.1: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424,
0.2437)."""


def sweep_saltelli_outputs(ds: xr.Dataset, y: xr.DataArray):
    """Arrange a per-point output ``y`` (dim ``point``) of a Saltelli sweep as f_A, f_B, f_AB (N x k)."""
    for name in ("saltelli_block", "saltelli_row"):
        if name not in ds.variables:
            raise results.ResultsError(f"not a Saltelli-design sweep: variable {name!r} is missing")
    params = results.parameter_names(ds)
    k = len(params)
    block = ds["saltelli_block"].values.astype(int)
    row = ds["saltelli_row"].values.astype(int)
    n = int(ds.attrs.get("saltelli_base_samples", row.max() + 1))
    values = y.transpose("point").values.astype(float)
    out = np.full((k + 2, n), np.nan)
    if block.min() < 0 or block.max() > k + 1 or row.min() < 0 or row.max() >= n:
        raise results.ResultsError(f"saltelli_block/saltelli_row out of range for {k} parameters and N = {n}")
    counts = np.zeros((k + 2, n), dtype=int)
    np.add.at(counts, (block, row), 1)
    if np.any(counts > 1):
        raise results.ResultsError("two sweep points share a Saltelli block and row")
    out[block, row] = values
    return out[0], out[1], out[2:].T


def point_outcome(ds: xr.Dataset, outcome: str, arm: Optional[str] = None):
    """A per-point outcome of a sweep as (mean, lo, hi, units, name): ``mean`` has dims (point) or (point, arm).

    ``outcome`` may name a per-point summary (``change_difference_mean``, its base ``change_difference``, or
    ``change_mean_mean``/``change_mean`` for the arm summaries) or any per-run variable with dims
    (point, replicate[, arm]), which is averaged over the successful replicates (lo/hi: 2.5 and 97.5 percentiles).
    ``arm`` selects one arm of an arm-level outcome.
    """
    candidates = []
    if outcome.endswith("_mean"):
        candidates.append(outcome[: -len("_mean")])
    candidates.append(outcome)
    for base in candidates:
        names = (f"{base}_mean", f"{base}_lo", f"{base}_hi")
        if all(n in ds.data_vars for n in names) and ds[names[0]].dims[:1] == ("point",) \
                and "replicate" not in ds[names[0]].dims:
            mean, lo, hi = (ds[n] for n in names)
            units = results.units_of(ds, names[0]) or results.units_of(ds, base)
            return _select_arm(mean, arm), _select_arm(lo, arm), _select_arm(hi, arm), units, base
    if outcome in ds.data_vars and ds[outcome].dims[:2] == ("point", "replicate"):
        var = ds[outcome]
        ok = results.ok_replicates(ds)
        if ok is not None:
            var = var.where(ok)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = var.mean("replicate", skipna=True)
            lo = var.quantile(0.025, dim="replicate", skipna=True).drop_vars("quantile")
            hi = var.quantile(0.975, dim="replicate", skipna=True).drop_vars("quantile")
        units = results.units_of(ds, outcome)
        extra = [d for d in mean.dims if d not in ("point", "arm")]
        if extra:
            raise results.ResultsError(f"{outcome} has dims {ds[outcome].dims}; pick a per-run outcome without "
                                       f"{', '.join(extra)}")
        return _select_arm(mean, arm), _select_arm(lo, arm), _select_arm(hi, arm), units, outcome
    if outcome in ds.data_vars and ds[outcome].dims == ("point",):
        var = ds[outcome]
        return var, None, None, results.units_of(ds, outcome), outcome
    raise results.ResultsError(f"no per-point outcome {outcome!r} in the sweep (try change_difference_mean, "
                               f"change_mean_mean with --arm, or a per-run variable)")


def _select_arm(var: Optional[xr.DataArray], arm: Optional[str]):
    if var is None or arm is None or "arm" not in var.dims:
        return var
    known = [str(a) for a in var["arm"].values]
    if arm not in known:
        raise results.ResultsError(f"unknown arm {arm!r}; arms: {', '.join(known)}")
    return var.sel(arm=arm)


def sweep_sensitivity(source: Union[str, xr.Dataset], outcome: str = "change_difference_mean", *,
                      arm: Optional[str] = None, n_boot: int = 1000, confidence: float = 0.95,
                      seed: Optional[int] = 0) -> pd.DataFrame:
    """Sobol indices of a per-point ``outcome`` of a Saltelli-design sweep (see :func:`point_outcome`).

    Returns :func:`sobol_indices`' table with a ``units`` column (the parameter's units) added; ``table.attrs``
    records the outcome, arm and N.
    """
    ds = source if isinstance(source, xr.Dataset) else results.load(source)
    if results.dataset_kind(ds) != "sweep":
        raise results.ResultsError("sensitivity needs a sweep file (Conventions coachsim-sweep-1)")
    mean, _, _, units, name = point_outcome(ds, outcome, arm)
    if "arm" in mean.dims:
        raise results.ResultsError(f"{outcome} is given per arm; choose one with arm= (--arm): "
                                   f"{', '.join(results.arms(ds))}")
    f_a, f_b, f_ab = sweep_saltelli_outputs(ds, mean)
    params = results.parameter_names(ds)
    table = sobol_indices(f_a, f_b, f_ab, names=params, n_boot=n_boot, confidence=confidence, seed=seed)
    punits = results.parameter_units(ds)
    table.insert(1, "units", [punits.get(p, "") for p in params])
    table.attrs.update({"outcome": name, "outcome_units": units, "arm": arm or ""})
    return table
