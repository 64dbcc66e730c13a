#pragma once
// Numbers as text for people: the one place that fixes decimals, signs and percent.
#include <string>

namespace sim::cli {

// `value` with `decimals` decimals, with an explicit sign when `with_sign`; "n/a" for NaN.
std::string fixed(double value, int decimals, bool with_sign = false);
// A share (0..1) as a percentage with `decimals` decimals and "%"; "n/a" for NaN.
std::string percent(double share, int decimals = 1);
// A size in bytes with a binary unit: "512 bytes", "3.2 MiB", "40 GiB".
std::string bytes_text(double bytes);
// A whole number with thousands separators: 50000 as "50,000", -1234.6 as "-1,235".
std::string thousands(double value);

}  // namespace sim::cli
