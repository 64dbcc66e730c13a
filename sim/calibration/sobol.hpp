#pragma once
// Points of the Sobol low-discrepancy sequence in the unit cube, from Boost.Random's generator
// (Joe-Kuo direction numbers). The origin is skipped: the first point is (0.5, ..., 0.5), then
// (0.75, 0.25, ...), ... The points are a pure function of (dimensions, count).
#include <cstddef>
#include <vector>

namespace sim::calibration {

// `count` points, each with `dimensions` coordinates in (0, 1). Throws std::invalid_argument
// for 0 dimensions or more than Boost's table holds.
std::vector<std::vector<double>> sobol_points(std::size_t dimensions, std::size_t count);

// Maps a point of the unit cube into the box [lower, upper] coordinate by coordinate.
std::vector<double> scale_to_box(const std::vector<double>& unit, const std::vector<double>& lower,
                                 const std::vector<double>& upper);

}  // namespace sim::calibration
