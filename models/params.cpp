#include "models/params.hpp"

namespace coachsim {

const sim::config::Schema& scenario_schema() { return parameter_bindings().schema(); }

ModelParams read_params(const sim::config::ParamValues& values) { return parameter_bindings().fill(values); }

ModelParams arm_params(const ModelParams& params, std::size_t arm) {
  ModelParams own = params;
  parameter_bindings().apply(own, params.arms.at(arm).set);
  return own;
}

}  // namespace coachsim
