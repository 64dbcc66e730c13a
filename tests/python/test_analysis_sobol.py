"""Sobol estimators of coachsim_analysis (Saltelli 2010 first order, Jansen 1999 total effect) against analytic
indices: the Ishigami function (a = 7, b = 0.1) and a linear additive model."""
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))

from coachsim_analysis import sobol  # noqa: E402

ISHIGAMI_BOUNDS = [(-np.pi, np.pi)] * 3
# Reference values (Ishigami & Homma 1990; Saltelli et al. 2008, Global Sensitivity Analysis, p. 179).
S1_REF = [0.3139, 0.4424, 0.0]
ST_REF = [0.5576, 0.4424, 0.2437]


def ishigami_indices(n, method, seed, n_boot=0, confidence=0.95):
    a, b, ab = sobol.saltelli_matrices(n, ISHIGAMI_BOUNDS, seed=seed, method=method)
    f_a, f_b, f_ab = sobol.evaluate_saltelli(sobol.ishigami, a, b, ab)
    return sobol.sobol_indices(f_a, f_b, f_ab, names=["x1", "x2", "x3"], n_boot=n_boot, confidence=confidence,
                               seed=seed)


def test_analysis_ishigami_analytic_values():
    np.testing.assert_allclose(sobol.ISHIGAMI_INDICES["S1"], S1_REF, atol=5e-5)
    np.testing.assert_allclose(sobol.ISHIGAMI_INDICES["ST"], ST_REF, atol=5e-5)


def test_analysis_saltelli_matrices_structure():
    a, b, ab = sobol.saltelli_matrices(64, [(0, 1), (10, 20), (-1, 1)], seed=1, method="random")
    assert a.shape == b.shape == (64, 3) and ab.shape == (3, 64, 3)
    for i in range(3):
        np.testing.assert_array_equal(ab[i][:, i], b[:, i])
        others = [j for j in range(3) if j != i]
        np.testing.assert_array_equal(ab[i][:, others], a[:, others])
    assert a[:, 1].min() >= 10 and a[:, 1].max() <= 20
    assert not np.allclose(a, b)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_analysis_ishigami_random_sample(seed):
    """Plain Monte Carlo (numpy only): N = 2^15 base samples recover every index within 0.03."""
    table = ishigami_indices(2 ** 15, "random", seed)
    np.testing.assert_allclose(table["S1"], S1_REF, atol=0.03)
    np.testing.assert_allclose(table["ST"], ST_REF, atol=0.03)


def test_analysis_ishigami_sobol_sequence():
    """Scrambled Sobol' sequence (scipy): N = 2^13 is enough for 0.01."""
    pytest.importorskip("scipy.stats.qmc")
    table = ishigami_indices(2 ** 13, "sobol", 0)
    np.testing.assert_allclose(table["S1"], S1_REF, atol=0.01)
    np.testing.assert_allclose(table["ST"], ST_REF, atol=0.01)


def test_analysis_ishigami_bootstrap_intervals():
    table = ishigami_indices(2 ** 13, "random", 5, n_boot=300, confidence=0.99)
    for col, ref in (("S1", S1_REF), ("ST", ST_REF)):
        lo, hi, est = table[f"{col}_lo"].to_numpy(), table[f"{col}_hi"].to_numpy(), table[col].to_numpy()
        assert np.all(lo <= est) and np.all(est <= hi)
        assert np.all(hi - lo < 0.15) and np.all(hi - lo > 0.001)
        assert np.all(lo <= np.array(ref) + 1e-9) and np.all(np.array(ref) <= hi + 1e-9), (col, lo, hi)
    assert table.attrs["n_boot"] == 300 and table.attrs["n_base_samples"] == 2 ** 13


def test_analysis_linear_model_indices():
    """y = sum c_i x_i with x_i uniform: S_i = ST_i = c_i^2 / sum c^2."""
    c = np.array([3.0, 2.0, 1.0, 0.0])
    a, b, ab = sobol.saltelli_matrices(2 ** 14, [(0, 1)] * 4, seed=3, method="random")
    f_a, f_b, f_ab = sobol.evaluate_saltelli(lambda x: x @ c, a, b, ab)
    expected = c ** 2 / (c ** 2).sum()
    np.testing.assert_allclose(sobol.first_order(f_a, f_b, f_ab), expected, atol=0.02)
    np.testing.assert_allclose(sobol.total_effect(f_a, f_b, f_ab), expected, atol=0.02)


def test_analysis_sobol_missing_rows_and_errors():
    rng = np.random.default_rng(0)
    f_a, f_b, f_ab = rng.random(100), rng.random(100), rng.random((100, 2))
    f_ab[3, 1] = np.nan
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = sobol.sobol_indices(f_a, f_b, f_ab, n_boot=10)
    assert any("dropping 1 of 100" in str(w.message) for w in caught)
    assert table.attrs["n_base_samples"] == 99
    assert list(table["parameter"]) == ["x1", "x2"]
    with pytest.raises(ValueError):
        sobol.sobol_indices(f_a, f_b[:50], f_ab)
    with pytest.raises(ValueError, match="does not vary"):
        sobol.sobol_indices(np.ones(10), np.ones(10), np.ones((10, 2)))
