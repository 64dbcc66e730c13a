#include "sim/cli/format.hpp"

#include <cmath>
#include <cstdio>

namespace sim::cli {

std::string fixed(double value, int decimals, bool with_sign) {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, with_sign ? "%+.*f" : "%.*f", decimals, value);
  return buffer;
}

std::string percent(double share, int decimals) {
  return std::isnan(share) ? "n/a" : fixed(100.0 * share, decimals) + "%";
}

}  // namespace sim::cli
