"""Loading coachsim results files (single runs and sweeps) as xarray Datasets and long pandas tables.

The layouts are described in docs/output.md: a single run (root attribute ``Conventions`` = ``coachsim-1``) has
dimensions ``replicate``, ``arm``, ``week``, ``quantile``; a sweep (``coachsim-sweep-1``) adds a leading ``point``
dimension to every per-run variable, plus ``parameter``, the design and per-point summaries.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Tuple, Union

import h5py
import numpy as np
import pandas as pd
import xarray as xr

RUN_CONVENTION = "coachsim-1"
SWEEP_CONVENTION = "coachsim-sweep-1"
COMPARE_CONVENTION = "coachsim-compare-1"

PathOrDataset = Union[str, "os.PathLike[str]", xr.Dataset]

# Long tables by the dimensions of their variables (after the leading `point` of a sweep).
TABLES: Dict[str, Tuple[str, ...]] = {
    "weekly": ("replicate", "arm", "week"),  # patient trajectories by arm (quantiles expanded)
    "coaches": ("replicate", "week"),  # coach trajectories (coaches belong to the program, not an arm)
    "summary": ("replicate", "arm"),  # end-of-run summaries by arm
    "replicate": ("replicate",),  # end-of-run summaries per replicate (coaches)
}
SWEEP_TABLES = ("points",)  # per-point summaries <name>_mean/_lo/_hi, sweeps only

# Sweep bookkeeping variables that are not outcomes.
_SWEEP_META = {"run_status", "run_error", "design", "parameter_units", "saltelli_block", "saltelli_row"}


class ResultsError(ValueError):
    """The file is not a coachsim results file, or lacks what was asked for."""


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value.item())
    return str(value)


def kind(path: Union[str, "os.PathLike[str]"]) -> str:
    """``"run"``, ``"sweep"`` or ``"compare"``, from the root attribute ``Conventions`` of the file."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such file: {path}")
    try:
        with h5py.File(path, "r") as f:
            conventions = f.attrs.get("Conventions")
    except OSError as e:
        raise ResultsError(f"{path}: not an HDF5 file ({e})") from None
    return _kind_from_conventions(conventions, path)


def _kind_from_conventions(conventions, where: str) -> str:
    text = _text(conventions) if conventions is not None else None
    if text == RUN_CONVENTION:
        return "run"
    if text == SWEEP_CONVENTION:
        return "sweep"
    if text == COMPARE_CONVENTION:
        return "compare"
    raise ResultsError(f"{where}: root attribute Conventions is {text!r}; expected "
                       f"{RUN_CONVENTION!r} (coachsim run), {SWEEP_CONVENTION!r} (coachsim sweep) or "
                       f"{COMPARE_CONVENTION!r} (coachsim compare)")


def dataset_kind(ds: xr.Dataset) -> str:
    """``"run"`` or ``"sweep"`` for a Dataset returned by :func:`load` (or opened by hand)."""
    return _kind_from_conventions(ds.attrs.get("Conventions"), "dataset")


def open_dataset(path, **kwargs) -> xr.Dataset:
    """``xarray.open_dataset`` as coachsim files need it: units are units, not calendars or time spans.

    xarray would otherwise decode a variable whose unit is ``hours`` or ``days`` (``program.training_hours``,
    ``program.supervision_hours_per_month``) as a ``timedelta64`` (24 hours becomes ``1 days``).
    """
    try:
        return xr.open_dataset(path, engine="h5netcdf", decode_times=False, decode_timedelta=False, **kwargs)
    except (OSError, ValueError, KeyError) as e:
        raise ResultsError(f"{os.fspath(path)}: cannot read as a coachsim results file ({e})") from None


def load(path: Union[str, "os.PathLike[str]"], *, lazy: bool = False) -> xr.Dataset:
    """Read a results file (single run or sweep) into memory as an :class:`xarray.Dataset`.

    Dimensions are named (``replicate``, ``arm``, ``week``, ``quantile``; sweeps also ``point`` and ``parameter``),
    string coordinates are Python ``str``, and every data variable carries a ``units`` attribute. For sweeps the
    swept parameters (1-D variables named by their path, e.g. ``program.caseload``) become coordinates along
    ``point``, so they travel with every selection. ``ds.attrs["coachsim_kind"]`` is ``"run"`` or ``"sweep"``.
    The data are read into memory and the file is closed on return; with ``lazy=True`` variables are read only when
    used (for large sweeps whose figures need only the per-point summaries) and the caller closes the Dataset
    (``ds.close()`` or ``with load(path, lazy=True) as ds:``).
    """
    path = os.fspath(path)
    file_kind = kind(path)
    if lazy:
        ds = open_dataset(path)
    else:
        with open_dataset(path) as opened:
            ds = opened.load()
    ds.attrs = {k: (_text(v) if isinstance(v, bytes) else v) for k, v in ds.attrs.items()}
    for name in list(ds.variables):
        var = ds[name]
        if var.dtype.kind in ("O", "S") and var.ndim <= 1:
            ds[name] = var.copy(data=np.array([_text(v) for v in np.atleast_1d(var.values)],
                                              dtype=object).reshape(var.shape))
    if file_kind == "sweep":
        params = [p for p in parameter_names(ds) if p in ds.data_vars and ds[p].dims == ("point",)]
        ds = ds.set_coords(params)
    _fill_units(ds)
    ds.attrs["coachsim_kind"] = file_kind
    return ds


def _fill_units(ds: xr.Dataset) -> None:
    """Derived sweep summaries (``x_mean``, ``x_lo``, ``x_hi``) take the units of ``x`` when they lack their own."""
    for name in ds.data_vars:
        attrs = ds[name].attrs
        if "units" in attrs:
            attrs["units"] = _text(attrs["units"])
            continue
        for suffix in ("_mean", "_lo", "_hi"):
            base = name[: -len(suffix)] if name.endswith(suffix) else None
            if base and base in ds.variables and "units" in ds[base].attrs:
                attrs["units"] = _text(ds[base].attrs["units"])
                break
        else:
            if name in ("run_status", "saltelli_block", "saltelli_row"):
                attrs["units"] = "1"
    if "parameter" in ds.dims and "parameter_units" in ds.data_vars:
        units = {p: _text(u) for p, u in zip(ds["parameter"].values, ds["parameter_units"].values)}
        for p, u in units.items():
            if p in ds.variables and "units" not in ds[p].attrs:
                ds[p].attrs["units"] = u


def _as_dataset(source: PathOrDataset) -> xr.Dataset:
    return source if isinstance(source, xr.Dataset) else load(source)


def parameter_names(ds: xr.Dataset) -> List[str]:
    """The swept parameters' paths, in the order of the ``parameter`` dimension (empty for single runs)."""
    if "parameter" not in ds.variables:
        return []
    return [_text(p) for p in ds["parameter"].values]


def parameter_units(ds: xr.Dataset) -> Dict[str, str]:
    """Units of each swept parameter (``parameter_units``, else the parameter variable's ``units``)."""
    out = {}
    for i, p in enumerate(parameter_names(ds)):
        unit = ""
        if "parameter_units" in ds.variables:
            unit = _text(ds["parameter_units"].values[i])
        elif p in ds.variables:
            unit = _text(ds[p].attrs.get("units", ""))
        out[p] = unit
    return out


def arms(ds: xr.Dataset) -> List[str]:
    return [_text(a) for a in ds["arm"].values] if "arm" in ds.variables else []


def units_of(ds: xr.Dataset, name: str) -> str:
    return _text(ds[name].attrs.get("units", "")) if name in ds.variables else ""


def quantile_outcome_name(name: str, q: float) -> str:
    """``hba1c_true_quantiles`` at 0.1 -> ``hba1c_true_q10`` (the level in percent)."""
    base = name[: -len("_quantiles")] if name.endswith("_quantiles") else name
    return f"{base}_q{q * 100:g}"


def table_outcomes(source: PathOrDataset, table: str = "weekly") -> List[str]:
    """Names of the outcomes :func:`tidy` puts in ``table`` (quantile variables expanded)."""
    ds = _as_dataset(source)
    return [name for name, _, _ in _table_arrays(ds, table)]


def _table_arrays(ds: xr.Dataset, table: str):
    """(outcome name, units, values with dims prefix + TABLES[table]) for every variable of the table."""
    if table not in TABLES:
        raise ResultsError(f"unknown table {table!r}; known: {', '.join(list(TABLES) + list(SWEEP_TABLES))}")
    dims = _leading(ds) + TABLES[table]
    out = []
    for name in ds.data_vars:
        if name in _SWEEP_META:
            continue
        var = ds[name]
        if var.dtype.kind not in "fiub":  # e.g. run_error (text)
            continue
        if var.dims == dims:
            out.append((name, units_of(ds, name), var.values))
        elif table == "weekly" and var.dims == dims + ("quantile",):
            for qi, q in enumerate(ds["quantile"].values):
                out.append((quantile_outcome_name(name, float(q)), units_of(ds, name), var.values[..., qi]))
    return out


def _leading(ds: xr.Dataset) -> Tuple[str, ...]:
    """The dimension before a single run's: ``point`` (sweeps), ``design`` (compare files) or none."""
    return {"sweep": ("point",), "compare": ("design",)}.get(dataset_kind(ds), ())


def tidy(source: PathOrDataset, table: str = "weekly", *, drop_failed: bool = True) -> pd.DataFrame:
    """A long ("tidy") table of a results file: one row per replicate x arm x week x outcome.

    ``table`` picks the variables by their dimensions:

    - ``"weekly"`` (default): ``(replicate, arm, week)`` trajectories; the quantile variable is expanded into one
      outcome per level (``hba1c_true_q10``, ``hba1c_true_q25``, ...). Columns ``replicate, arm, week, outcome,
      value, units``.
    - ``"coaches"``: ``(replicate, week)`` coach trajectories. Columns ``replicate, week, outcome, value, units``.
    - ``"summary"``: ``(replicate, arm)`` end-of-run summaries. Columns ``replicate, arm, outcome, value, units``.
    - ``"replicate"``: ``(replicate)`` end-of-run summaries.
    - ``"points"`` (sweeps only): per-point summaries, columns ``point``, the parameters, ``arm`` (empty for
      point-level outcomes such as ``change_difference``), ``outcome, mean, lo, hi, units``.

    For sweeps every table starts with ``point`` and one column per swept parameter (named by its path, holding the
    point's value); runs whose ``run_status`` is not 1 (ok) are left out unless ``drop_failed=False``.
    ``arm`` and ``outcome`` are pandas categoricals in file order.
    """
    ds = _as_dataset(source)
    if table == "points":
        return _points_table(ds)
    sweep = dataset_kind(ds) == "sweep"
    arrays = _table_arrays(ds, table)
    dims = _leading(ds) + TABLES[table]
    shape = tuple(ds.sizes[d] for d in dims)
    n = int(np.prod(shape))
    n_out = len(arrays)
    index = np.unravel_index(np.arange(n), shape)

    columns: Dict[str, object] = {}
    for d, ii in zip(dims, index):
        coord = ds[d].values if d in ds.variables else np.arange(ds.sizes[d])
        values = np.tile(coord[ii], n_out)
        if d == "arm":
            values = pd.Categorical(values, categories=arms(ds))
        columns[d] = values
        if d == "point":
            for p in parameter_names(ds):
                if p in ds.variables:
                    columns[p] = np.tile(ds[p].values[ii], n_out)
    names = [a[0] for a in arrays]
    columns["outcome"] = pd.Categorical.from_codes(np.repeat(np.arange(n_out), n), categories=names) \
        if n_out else pd.Categorical([], categories=[])
    columns["value"] = np.concatenate([a[2].reshape(-1) for a in arrays]) if n_out else np.array([], float)
    unit_names = sorted(set(a[1] for a in arrays))
    unit_code = {u: i for i, u in enumerate(unit_names)}
    columns["units"] = pd.Categorical.from_codes(np.repeat([unit_code[a[1]] for a in arrays], n).astype(int),
                                                 categories=unit_names) if n_out else pd.Categorical([])
    df = pd.DataFrame(columns)
    if sweep and drop_failed and "run_status" in ds.data_vars and "replicate" in dims:
        status = ds["run_status"].transpose("point", "replicate").values
        ok = np.tile(status[index[0], index[1]] == 1, n_out)
        df = df[ok].reset_index(drop=True)
    return df


def _points_table(ds: xr.Dataset) -> pd.DataFrame:
    if dataset_kind(ds) != "sweep":
        raise ResultsError("table 'points' exists only for sweeps")
    params = [p for p in parameter_names(ds) if p in ds.variables]
    frames = []
    for name in ds.data_vars:
        if not name.endswith("_mean") or name in _SWEEP_META:
            continue
        base = name[: -len("_mean")]
        lo, hi = f"{base}_lo", f"{base}_hi"
        if lo not in ds.data_vars or hi not in ds.data_vars:
            continue
        var = ds[name]
        if var.dims not in (("point",), ("point", "arm")):
            continue
        n_points = ds.sizes["point"]
        if var.dims == ("point",):
            pos = np.arange(n_points)
            frame = pd.DataFrame({"point": ds["point"].values, "arm": ""})
            for col, v in (("mean", name), ("lo", lo), ("hi", hi)):
                frame[col] = ds[v].values
        else:
            pos = np.repeat(np.arange(n_points), ds.sizes["arm"])
            frame = pd.DataFrame({
                "point": ds["point"].values[pos],
                "arm": np.tile(np.array(arms(ds), dtype=object), n_points),
            })
            for col, v in (("mean", name), ("lo", lo), ("hi", hi)):
                frame[col] = ds[v].transpose("point", "arm").values.reshape(-1)
        for i, p in enumerate(params):
            frame.insert(1 + i, p, ds[p].values[pos])
        frame.insert(2 + len(params), "outcome", base)
        frame["units"] = units_of(ds, name) or units_of(ds, base)
        frames.append(frame)
    if not frames:
        raise ResultsError("the sweep has no per-point summaries (<name>_mean/_lo/_hi)")
    return pd.concat(frames, ignore_index=True)


def to_csv(source: PathOrDataset, out_csv: Union[str, "os.PathLike[str]"], table: str = "weekly", *,
           drop_failed: bool = True) -> pd.DataFrame:
    """Write :func:`tidy` ``(source, table)`` to ``out_csv`` (no index column) and return the table."""
    df = tidy(source, table, drop_failed=drop_failed)
    out_csv = os.fspath(out_csv)
    parent = os.path.dirname(out_csv)
    if parent:
        os.makedirs(parent, exist_ok=True)
    df.to_csv(out_csv, index=False)
    return df


def available_tables(source: PathOrDataset) -> List[str]:
    """The tables :func:`tidy` can build from this file (those with at least one outcome)."""
    ds = _as_dataset(source)
    names = [t for t in TABLES if _table_arrays(ds, t)]
    if dataset_kind(ds) == "sweep":
        try:
            _points_table(ds)
            names.append("points")
        except ResultsError:
            pass
    return names


def ok_replicates(ds: xr.Dataset) -> Optional[xr.DataArray]:
    """Boolean (point, replicate) mask of runs that succeeded (sweeps with ``run_status``), else None."""
    if "run_status" not in ds.data_vars:
        return None
    return ds["run_status"] == 1


def describe(ds: xr.Dataset) -> str:
    """A one-line subtitle (scenario file, seed, replicates, points) used by figures and the CLI."""
    scenario = _text(ds.attrs.get("scenario_file") or ds.attrs.get("sweep_file") or ds.attrs.get("title", "?"))
    seed = ds.attrs.get("seed")
    parts = [scenario]
    if seed is not None:
        parts.append(f"seed {_text(seed)}")
    if "replicate" in ds.sizes:
        parts.append(f"{ds.sizes['replicate']} replicates")
    if "point" in ds.sizes:
        parts.append(f"{ds.sizes['point']} points")
    return " \u00b7 ".join(parts)


def arm_label(arm: str) -> str:
    return arm.replace("_", " ")

