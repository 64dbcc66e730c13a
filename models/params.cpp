#include "models/params.hpp"

namespace coachsim {

const sim::config::Schema& scenario_schema() { return parameter_bindings().schema(); }

ModelParams read_params(const sim::config::ParamValues& values) { return parameter_bindings().fill(values); }

}  // namespace coachsim
