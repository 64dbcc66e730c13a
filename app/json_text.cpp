#include "app/json_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace coachsim::app {

Json json_number(double value, int significant) {
  if (!std::isfinite(value)) return nullptr;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
  return std::strtod(buffer, nullptr);  // written back as the shortest text that reads as this number
}

Json json_decimals(double value, int decimals) {
  if (!std::isfinite(value)) return nullptr;
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return std::strtod(buffer, nullptr);
}

std::string json_text(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace coachsim::app
