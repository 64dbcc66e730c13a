// Costs booked each week, by category (models/economics.hpp): the program's coach pay for hours
// worked, stipends, supervision and per-patient overhead, to the arm of the patients served
// (screening and training are booked at recruitment); and for everyone alive in every arm, the
// provider visits of the week and the drugs of the therapy steps added since enrolment
// (coach-raised requests are booked where the clinic answers them).
#include <algorithm>
#include <vector>

#include "models/mechanisms/mechanisms.hpp"

namespace coachsim::mechanisms {
namespace {

// Months of the program are weeks [ceil(52 m / 12), ceil(52 (m + 1) / 12)); the program's last week
// also closes one.
bool closes_a_month(const ProgramParams& program, std::uint32_t week) {
  return week + 1 >= program.weeks || (week + 1) * 12 / 52 != week * 12 / 52;
}

// The stipend each coach is paid this week. Unconditional (program.stipend_min_contacts_per_month
// = 0): every active coach, every week. Conditional: a coach's active weeks and delivered contacts
// are counted over the month; when it closes, the stipend of those weeks is paid if the contacts
// reach the minimum pro-rated to them (minimum x weeks / (52/12)), and withheld otherwise.
std::vector<double> stipends_due(World& w, std::uint32_t week) {
  const auto& program = w.p().program;
  auto& c = w.coaches;
  const double weekly = program.stipend_per_month / kWeeksPerMonth;
  std::vector<double> due(c.size(), 0.0);
  if (program.stipend_min_contacts_per_month <= 0) {
    for (std::size_t k = 0; k < c.size(); ++k) due[k] = c.active[k] ? weekly : 0.0;
    return due;
  }
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!c.active[k]) continue;
    c.month_contacts[k] += c.contacts[k];
    c.month_weeks[k] += 1;
  }
  if (!closes_a_month(program, week)) return due;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.month_weeks[k] == 0) continue;
    const double required = program.stipend_min_contacts_per_month * c.month_weeks[k] / kWeeksPerMonth;
    const bool paid = c.month_contacts[k] >= required;
    due[k] = paid ? weekly * c.month_weeks[k] : 0.0;
    c.stipend_withheld[k] = !paid;
    c.month_contacts[k] = 0;
    c.month_weeks[k] = 0;
  }
  return due;
}

void program_costs(World& w, std::uint32_t week) {
  const auto& p = w.p();
  const auto& c = w.coaches;
  const std::vector<double> stipend = stipends_due(w, week);
  const double supervision = p.program.supervision_hours_per_month / kWeeksPerMonth * p.costs.supervisor_pay_per_hour;
  const auto& pts = w.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.coach[i] < 0 || pts.engagement[i] == static_cast<std::uint8_t>(Engagement::Dropped)) continue;
    const auto k = static_cast<std::size_t>(pts.coach[i]);
    // A coach's cost is shared by the patients they hold this week.
    const double share = 1.0 / c.caseload[k];
    w.book(pts.arm[i], kCostCoachPay, week, c.hours[k] * p.costs.coach_pay_per_hour * share);
    w.book(pts.arm[i], kCostStipends, week, stipend[k] * share);
    w.book(pts.arm[i], kCostSupervision, week, supervision * share);
    w.book(pts.arm[i], kCostOverhead, week, p.costs.overhead_per_patient_week);
  }
  // An active coach holding no patient this week is still paid the stipend and supervised, and a
  // coach who quit is paid a conditional stipend earned before: that cost goes to the coached arms
  // by their share, like training.
  double idle_pay = 0, idle_coaches = 0, unshared_stipends = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!c.active[k] || c.caseload[k] == 0) unshared_stipends += stipend[k];
    if (!c.active[k] || c.caseload[k] != 0) continue;
    idle_pay += c.hours[k] * p.costs.coach_pay_per_hour;
    idle_coaches += 1;
  }
  if (idle_pay > 0) w.book_to_coached_arms(kCostCoachPay, week, idle_pay);
  if (unshared_stipends > 0) w.book_to_coached_arms(kCostStipends, week, unshared_stipends);
  if (idle_coaches > 0 && supervision > 0) w.book_to_coached_arms(kCostSupervision, week, idle_coaches * supervision);
}

}  // namespace

void costs(World& w, const StepContext& ctx) {
  if (w.program_running(ctx.step)) program_costs(w, ctx.step);
  const auto& p = w.p();
  const auto& pts = w.patients;
  const double step_week = p.costs.therapy_step_per_year / 52.0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!w.alive(i)) continue;
    if (pts.visited[i]) w.book(pts.arm[i], kCostProviderVisits, ctx.step, p.costs.provider_visit);
    const int added = static_cast<int>(pts.people.treatment_step[i]) - static_cast<int>(pts.people.treatment_step0[i]);
    if (added > 0) w.book(pts.arm[i], kCostAddedTherapy, ctx.step, added * step_week);
  }
}

}  // namespace coachsim::mechanisms
