#pragma once
// The warning of `coachsim run` when coaches lack the hours the contact schedule needs: a coached
// arm received less than output.delivery_warning_share of its scheduled contacts while the
// schedule needs more coach hours a week than the coaches have.
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

// One message per coached arm that falls short (none when coach hours suffice), with the figures:
// scheduled and delivered contacts per patient-week, coach hours needed and available.
std::vector<std::string> delivery_warnings(const RunSummary& summary, const ModelParams& params);

}  // namespace coachsim::app
