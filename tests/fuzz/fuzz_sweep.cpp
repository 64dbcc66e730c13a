// libFuzzer harness: sweep files -- the sweep's own keys, the resource limits, the design and
// every point validated against the default scenario (as a recorded sweep: no base file is read).
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/scenario_input.hpp"
#include "app/sweep/sweep.hpp"
#include "sim/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string base = coachsim::app::load_scenario(coachsim::app::default_scenario_path(), {}).loaded.resolved_toml;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    static_cast<void>(coachsim::app::load_recorded_sweep(text, "fuzz.toml", base, false));
  } catch (const sim::InputError&) {
  } catch (const std::exception&) {
  }
  return 0;
}
