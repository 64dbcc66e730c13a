// Clinical care and its exits. Everyone alive stays in care; moving away from the clinic
// population and death are the only exits (dropping out of the program or of the study's
// follow-up is not one). A mover is cared for elsewhere: their HbA1c goes on, but the clinic, the
// program and the study lose them. Weekly hazards from annual rates:
//   death  q = mortality_at_55 * exp(slope * (age - 55)) * diabetes_ratio * (1 - rrr)^-(HbA1c - reference)
//   move   m = moves_per_year
//   weekly = 1 - (1 - annual)^(1/52)
#include <algorithm>
#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {

double annual_mortality(const CareParams& c, double age, double hba1c) {
  const double q = c.mortality_at_55 * std::exp(c.mortality_age_slope * (age - 55.0)) * c.diabetes_mortality_ratio *
                   std::pow(1.0 - c.mortality_rrr_per_point, -(hba1c - c.mortality_reference_hba1c));
  return std::min(1.0, q);
}

double weekly_from_annual(double annual) { return annual >= 1.0 ? 1.0 : -std::expm1(std::log1p(-annual) / 52.0); }

void care_exits(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.p().care;
  const double move = weekly_from_annual(c.moves_per_year);
  for (std::size_t i = r.begin; i < r.end; ++i) {
    const auto state = static_cast<Care>(pts.care[i]);
    if (state == Care::Died) continue;
    const double age = pts.people.age[i] + ctx.step / 52.0;
    const auto u = sim::random::stream_block({w.seed, purpose::kCareExit, pts.id[i], ctx.step});
    Care next = state;
    if (sim::random::bernoulli(u[0], weekly_from_annual(annual_mortality(c, age, pts.people.hba1c_true[i])))) {
      next = Care::Died;
    } else if (state == Care::InClinic && sim::random::bernoulli(u[1], move)) {
      next = Care::Moved;
    }
    if (next == state) continue;
    pts.care[i] = static_cast<std::uint8_t>(next);
    pts.followed[i] = 0;
    pts.engagement[i] = static_cast<std::uint8_t>(Engagement::Dropped);
    pts.request_pending[i] = 0;
  }
}

}  // namespace coachsim::mechanisms
