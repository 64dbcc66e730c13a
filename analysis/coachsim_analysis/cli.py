"""Command line: ``python3 -m coachsim_analysis {plot,tidy,csv,sensitivity} ...``."""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from . import __version__, results

PROG = "python3 -m coachsim_analysis"


def _split(text: Optional[str]) -> Optional[List[str]]:
    if not text:
        return None
    return [t.strip() for t in text.split(",") if t.strip()]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="Figures, tables and Sobol sensitivity from coachsim "
                                                       "results files (coachsim run / coachsim sweep).")
    p.add_argument("--version", action="version", version=f"coachsim_analysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="{plot,tidy,csv,sensitivity}")

    plot = sub.add_parser("plot", help="write the figure set of a run or sweep file",
                          description="Single runs: hba1c_trajectory, change_at_followup, share_at_goal, coaches. "
                                      "Compare files: compare_trajectory (designs overlaid), cost_effect. "
                                      "Sweeps: the outcome over one lever (line) or two levers (heat map), a "
                                      "scatter per parameter otherwise, and Sobol indices for Saltelli designs "
                                      "(with their table as CSV).")
    plot.add_argument("results", help="results file (.h5) from coachsim run, sweep or compare")
    plot.add_argument("-o", "--out", required=True, help="output directory (created if missing)")
    plot.add_argument("--format", default="png", help="comma-separated formats: png,svg,pdf (default png)")
    plot.add_argument("--only", help="comma-separated figure names to write (default: all)")
    plot.add_argument("--outcome", help="sweeps: per-point outcome (default change_difference_mean and "
                                        "change_mean_mean)")
    plot.add_argument("--arm", help="sweeps: the arm of an arm-level outcome (Sobol figures need one)")
    plot.add_argument("--levers", help="sweeps: one or two parameter paths for the line / heat map")
    plot.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for Sobol CIs (default 1000)")
    plot.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")

    tidy = sub.add_parser("tidy", help="show the long table (one row per replicate x arm x week x outcome)")
    tidy.add_argument("results")
    tidy.add_argument("--table", default="weekly",
                      help="weekly (default), coaches, summary, replicate, or points (sweeps)")
    tidy.add_argument("--head", type=int, default=10, help="rows to print (default 10)")

    csv = sub.add_parser("csv", help="write the long table as CSV")
    csv.add_argument("results")
    csv.add_argument("-o", "--out", required=True,
                     help="CSV file; with --table all, a directory receiving <table>.csv for each table")
    csv.add_argument("--table", default="weekly",
                     help="weekly (default), coaches, summary, replicate, points (sweeps), or all")
    csv.add_argument("--keep-failed", action="store_true", help="sweeps: keep rows of failed runs")

    sens = sub.add_parser("sensitivity", help="Sobol indices (first order, total) of a Saltelli-design sweep")
    sens.add_argument("sweep", help="sweep file (.h5) from coachsim sweep with a saltelli design")
    sens.add_argument("--outcome", default="change_difference_mean",
                      help="per-point outcome (default change_difference_mean)")
    sens.add_argument("--arm", help="the arm of an arm-level outcome such as change_mean_mean")
    sens.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    sens.add_argument("--confidence", type=float, default=0.95, help="CI level (default 0.95)")
    sens.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    sens.add_argument("-o", "--out", help="also write the table to this CSV file")
    sens.add_argument("--plot", metavar="DIR", help="also write the figure sobol_<outcome>.png into DIR")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except (results.ResultsError, OSError, ValueError, KeyError, LookupError) as e:
        # Bad input (a missing or foreign file, an unknown outcome, an unwritable output): one line, exit 2.
        print(f"{PROG} {args.command}: error: {_one_line(e)}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - a bug: still one line; COACHSIM_DEBUG=1 shows the traceback
        if os.environ.get("COACHSIM_DEBUG"):
            raise
        print(f"{PROG} {args.command}: internal error: {type(e).__name__}: {_one_line(e)} "
              f"(COACHSIM_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1


def _one_line(error: BaseException) -> str:
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    if isinstance(error, OSError) and error.filename and error.strerror:
        text = f"{error.filename}: {error.strerror}"
    return " ".join(text.split()) or type(error).__name__


def _plot(args) -> int:
    from . import plots
    if results.kind(args.results) == "compare":
        from . import compare
        for path in compare.plot_compare_file(args.results, args.out, formats=_split(args.format) or ["png"],
                                              only=_split(args.only)):
            print(path)
        return 0
    formats = _split(args.format) or ["png"]
    written = plots.plot_file(args.results, args.out, formats=formats, only=_split(args.only), outcome=args.outcome,
                              arm=args.arm, levers=_split(args.levers), n_boot=args.n_boot, seed=args.seed)
    for path in written:
        print(path)
    return 0


def _tidy(args) -> int:
    import pandas as pd
    ds = results.load(args.results)
    df = results.tidy(ds, args.table)
    print(f"{args.results}: {results.dataset_kind(ds)}, table {args.table!r}: {len(df)} rows x {df.shape[1]} "
          f"columns ({', '.join(df.columns)})")
    if "outcome" in df.columns:
        units = df.drop_duplicates("outcome").set_index("outcome")["units"]
        print(f"{units.size} outcomes: " + ", ".join(f"{o} [{u}]" for o, u in units.items()))
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(df.head(args.head).to_string(index=False))
    return 0


def _csv(args) -> int:
    ds = results.load(args.results)
    if args.table == "all":
        os.makedirs(args.out, exist_ok=True)
        for table in results.available_tables(ds):
            path = os.path.join(args.out, f"{table}.csv")
            df = results.to_csv(ds, path, table, drop_failed=not args.keep_failed)
            print(f"{path}  ({len(df)} rows)")
        return 0
    df = results.to_csv(ds, args.out, args.table, drop_failed=not args.keep_failed)
    print(f"{args.out}  ({len(df)} rows)")
    return 0


def _sensitivity(args) -> int:
    with results.load(args.sweep, lazy=True) as ds:  # only the per-point outcome is read
        return _sensitivity_of(ds, args)


def _sensitivity_of(ds, args) -> int:
    import pandas as pd

    from . import sobol
    table = sobol.sweep_sensitivity(ds, args.outcome, arm=args.arm, n_boot=args.n_boot,
                                    confidence=args.confidence, seed=args.seed)
    a = table.attrs
    arm = f", arm {a['arm']}" if a.get("arm") else ""
    print(f"Sobol indices of {a['outcome']} [{a['outcome_units']}]{arm}: {args.sweep}, "
          f"N = {a['n_base_samples']} base samples, {a['confidence']:.0%} bootstrap CI ({a['n_boot']} resamples)")
    print("first order S1: Saltelli (2010); total effect ST: Jansen (1999)")
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.float_format",
                           "{:.4f}".format):
        print(table.to_string(index=False))
    if args.out:
        parent = os.path.dirname(args.out)
        if parent:
            os.makedirs(parent, exist_ok=True)
        table.to_csv(args.out, index=False)
        print(f"table: {args.out}")
    if args.plot:
        from . import plots
        stem = f"sobol_{a['outcome']}" + (f"_{a['arm']}" if a.get("arm") else "")
        for path in plots.save(plots.fig_sobol(table, ds), args.plot, stem, ("png",),
                               os.path.basename(args.sweep)):
            print(f"figure: {path}")
    return 0


_COMMANDS = {"plot": _plot, "tidy": _tidy, "csv": _csv, "sensitivity": _sensitivity}
