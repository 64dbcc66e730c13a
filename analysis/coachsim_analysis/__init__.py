"""coachsim_analysis: load coachsim results files (single runs and sweeps), tidy them, plot them, and compute
Sobol sensitivity indices from Saltelli-design sweeps.

    >>> import coachsim_analysis as ca
    >>> ds = ca.load("results/default.h5")           # xarray.Dataset, named dims, units
    >>> df = ca.tidy("results/default.h5")           # long pandas DataFrame
    >>> ca.to_csv("results/default.h5", "default.csv")
    >>> ca.plot_file("results/default.h5", "figures/")

Command line: ``python3 -m coachsim_analysis {plot,tidy,csv,sensitivity} ...`` (see docs/analysis.md).
"""
from .results import (RUN_CONVENTION, SWEEP_CONVENTION, TABLES, ResultsError, arms, available_tables, kind, load,
                      parameter_names, parameter_units, table_outcomes, tidy, to_csv)
from .coaches import coach_table, fig_coach_traits, patient_coach_table, trait_regression
from .sobol import (ISHIGAMI_INDICES, evaluate_saltelli, first_order, ishigami, saltelli_matrices, sobol_indices,
                    sweep_sensitivity, total_effect)

__version__ = "0.1.0"


def plot_file(*args, **kwargs):
    """See :func:`coachsim_analysis.plots.plot_file` (imported lazily: matplotlib is only needed for figures)."""
    from .plots import plot_file as _plot_file
    return _plot_file(*args, **kwargs)


__all__ = [
    "RUN_CONVENTION", "SWEEP_CONVENTION", "TABLES", "ResultsError", "arms", "available_tables", "kind", "load",
    "parameter_names", "parameter_units", "table_outcomes", "tidy", "to_csv", "ISHIGAMI_INDICES",
    "evaluate_saltelli", "first_order", "ishigami", "saltelli_matrices", "sobol_indices", "sweep_sensitivity",
    "total_effect", "plot_file", "__version__", "coach_table", "patient_coach_table", "trait_regression",
    "fig_coach_traits",
]
