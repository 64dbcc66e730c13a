#include "sim/calibration/sobol.hpp"

#include <boost/random/sobol.hpp>
#include <stdexcept>
#include <string>

namespace sim::calibration {

std::vector<std::vector<double>> sobol_points(std::size_t dimensions, std::size_t count) {
  if (dimensions == 0) throw std::invalid_argument("a Sobol sequence needs at least one dimension");
  if (dimensions > boost::random::default_sobol_table::max_dimension) {
    throw std::invalid_argument("a Sobol sequence supports at most " +
                                std::to_string(boost::random::default_sobol_table::max_dimension) +
                                " dimensions");
  }
  boost::random::sobol generator(dimensions);
  std::vector<std::vector<double>> points(count, std::vector<double>(dimensions));
  constexpr double kScale = 0x1p-64;  // the engine yields 64-bit integers
  for (auto& point : points) {
    for (auto& coordinate : point) coordinate = static_cast<double>(generator()) * kScale;
  }
  return points;
}

std::vector<double> scale_to_box(const std::vector<double>& unit, const std::vector<double>& lower,
                                 const std::vector<double>& upper) {
  if (unit.size() != lower.size() || unit.size() != upper.size()) {
    throw std::invalid_argument("scale_to_box: point and box have different dimensions");
  }
  std::vector<double> x(unit.size());
  for (std::size_t i = 0; i < unit.size(); ++i) x[i] = lower[i] + unit[i] * (upper[i] - lower[i]);
  return x;
}

}  // namespace sim::calibration
