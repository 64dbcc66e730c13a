// libFuzzer harness: targets and calibration files (the first byte chooses which reader).
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/calibration/calibration_file.hpp"
#include "app/calibration/targets.hpp"
#include "models/params.hpp"
#include "sim/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] % 2 == 0) {
      static_cast<void>(coachsim::app::load_targets_text(text, "fuzz.toml"));
    } else {
      static_cast<void>(coachsim::app::load_calibration_text(text, "fuzz.toml", coachsim::scenario_schema()));
    }
  } catch (const sim::InputError&) {
  } catch (const std::exception&) {
  }
  return 0;
}
