#pragma once
// The one JSON emitter of the commands' summaries (run, check, sweep): nlohmann::ordered_json
// documents (keys in insertion order) written with json_text.
#include <nlohmann/json.hpp>
#include <string>

namespace coachsim::app {

using Json = nlohmann::ordered_json;

// A number for a summary: rounded to `significant` significant digits (6, as the summaries have
// always printed them: far more than the statistics' precision), null for NaN and infinities.
Json json_number(double value, int significant = 6);
// A number rounded to `decimals` decimals (timings), null for NaN and infinities.
Json json_decimals(double value, int decimals);
// The document as text: two-space indentation and a final newline.
std::string json_text(const Json& document);

}  // namespace coachsim::app
