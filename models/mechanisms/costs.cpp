// Program costs: coach pay for hours worked, stipends, supervision and per-patient overhead,
// booked each week to the arm of the patients served (training is booked at recruitment).
#include "models/mechanisms/mechanisms.hpp"

namespace coachsim::mechanisms {

void costs(World& w, const StepContext& ctx) {
  if (!w.program_running(ctx.step)) return;
  const auto& p = w.p();
  const auto& c = w.coaches;
  const double weekly_fixed = p.program.stipend_per_month / kWeeksPerMonth +
                              p.program.supervision_hours_per_month / kWeeksPerMonth * p.costs.supervisor_pay_per_hour;
  std::vector<double> coach_cost(c.size(), 0.0);
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.active[k]) coach_cost[k] = c.hours[k] * p.costs.coach_pay_per_hour + weekly_fixed;
  }
  const auto& pts = w.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.coach[i] < 0 || pts.engagement[i] == static_cast<std::uint8_t>(Engagement::Dropped)) continue;
    const auto k = static_cast<std::size_t>(pts.coach[i]);
    // A coach's cost is shared by the patients they hold this week.
    w.ledger.cost_cumulative[pts.arm[i]] += coach_cost[k] / c.caseload[k] + p.costs.overhead_per_patient_week;
  }
  // An active coach holding no patient this week is still paid the stipend and supervised: that
  // cost goes to the coached arms by their share, like training.
  double unshared = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.active[k] && c.caseload[k] == 0) unshared += coach_cost[k];
  }
  if (unshared > 0) w.book_to_coached_arms(unshared);
}

}  // namespace coachsim::mechanisms
