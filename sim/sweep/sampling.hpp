#pragma once
// Points of an experimental design in the unit cube: full-factorial grids, Latin hypercubes,
// Sobol sequences and Saltelli's A/B/AB_i blocks for Sobol sensitivity indices.
// Every function is a pure function of its arguments: the same call gives the same points on
// any machine, thread or rank.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim::sweep {

// `count` points of `dims` coordinates in [0, 1), row-major: point i, dimension j at i * dims + j.
struct UnitSamples {
  std::size_t count = 0;
  std::size_t dims = 0;
  std::vector<double> values;
  double at(std::size_t point, std::size_t dim) const { return values[point * dims + dim]; }
};

// All index tuples of a full factorial over axes of the given sizes, last axis fastest
// (row-major, like nested loops with the first axis outermost).
std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& sizes);

// Latin hypercube (McKay, Beckman and Conover 1979): along every dimension, each of the `count`
// strata [k/count, (k+1)/count) holds exactly one point, at a uniform position within it.
// Drawn from keyed Philox streams of `seed` (one stream per dimension).
UnitSamples latin_hypercube(std::size_t count, std::size_t dims, std::uint64_t seed);

// The first `count` points of the Sobol sequence in `dims` dimensions with the Joe and Kuo (2008)
// direction numbers (Boost.Random's sobol, Gray-code order). The all-zero point that starts the
// sequence is skipped (Boost does so): point 0 is (0.5, 0.5, ...).
UnitSamples sobol(std::size_t count, std::size_t dims);

// Saltelli (2002, 2010) sampling for first- and total-order Sobol indices: a Sobol sequence in
// 2 * dims dimensions gives matrices A (first half) and B (second half) of `base` rows; AB_i is A
// with column i taken from B. Points are ordered row by row: for each row r, A_r, B_r, AB_1,r ..
// AB_dims,r, so there are base * (dims + 2) points; point p has block (0 = A, 1 = B, 2 + i = AB_i)
// and row r.
struct SaltelliSamples {
  UnitSamples points;
  std::vector<std::int64_t> block;
  std::vector<std::int64_t> row;
};
SaltelliSamples saltelli(std::size_t base, std::size_t dims);

// Maps u in [0, 1) onto [min, max]: linearly, or geometrically when `log` (min > 0). An integer
// axis maps onto [min, max + 1) and rounds down, so each integer gets an equal share of u.
double scale_unit(double u, double min, double max, bool log, bool integer);

}  // namespace sim::sweep
