#pragma once
// Small helpers for the JSON summaries the commands write (no JSON library needed for output).
#include <string>

namespace coachsim::app {

// A number in JSON: %.6g, or null for NaN and infinities.
std::string json_number(double value);
// A quoted, escaped JSON string.
std::string json_string(const std::string& text);

}  // namespace coachsim::app
