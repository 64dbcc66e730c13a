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

std::string bytes_text(double bytes) {
  const char* units[] = {"bytes", "kiB", "MiB", "GiB", "TiB", "PiB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 5) {
    bytes /= 1024;
    ++unit;
  }
  return unit == 0 || bytes >= 10 ? fixed(bytes, 0) + " " + units[unit] : fixed(bytes, 1) + " " + units[unit];
}


std::string thousands(double value) {
  std::string digits = fixed(value, 0);
  const std::size_t first = digits.find_first_of("0123456789");
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > static_cast<std::ptrdiff_t>(first); at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

}  // namespace sim::cli
