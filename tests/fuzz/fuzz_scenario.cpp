// libFuzzer harness: scenario files through the one front end (TOML, schema_version, every
// declared key, cross-field rules) and the model's typed parameters. A refused input is fine;
// a crash, a sanitizer report or a hang is a finding. `extends` may name files: the harness runs
// in a scratch directory (tests/fuzz/run.sh).
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/scenario_input.hpp"
#include "sim/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    static_cast<void>(coachsim::app::load_scenario_text(text, "fuzz.toml"));
  } catch (const sim::InputError&) {
  } catch (const std::exception&) {  // exit 1 in coachsim, not a crash
  }
  return 0;
}
