#include <iostream>

#include "app/commands/commands.hpp"
#include "app/scenario_input.hpp"
#include "sim/input_error.hpp"
#include "sim/sweep/interrupt.hpp"

namespace coachsim::app {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const sim::config::ConfigErrors& errors) {
    for (const auto& e : errors.errors()) std::cerr << e.format() << "\n";
    std::cerr << errors.errors().size() << (errors.errors().size() == 1 ? " error" : " errors") << "; nothing written\n";
    return kExitInvalidInput;
  } catch (const sim::OutputExists& e) {
    std::cerr << "coachsim: " << e.what() << "; pass --force to overwrite\n";
    return kExitInvalidInput;
  } catch (const sim::sweep::Interrupted& e) {
    std::cerr << "coachsim: " << e.what() << "; nothing written\n";
    return 128 + e.signal_number();
  } catch (const sim::InputError& e) {
    std::cerr << "coachsim: " << e.what() << "\n";
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "coachsim: error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace coachsim::app
