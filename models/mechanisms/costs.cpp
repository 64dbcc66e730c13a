// Costs booked each week, by category (models/economics.hpp): the program's coach pay for hours
// worked, stipends, supervision and per-patient overhead, to the arm of the patients served
// (screening and training are booked at recruitment), each at its arm's prices; and for everyone alive in every arm, the
// provider visits of the week and the drugs of the therapy steps added since enrolment
// (coach-raised requests are booked where the clinic answers them).
#include <algorithm>
#include <array>
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
  auto& c = w.coaches;
  std::vector<double> due(c.size(), 0.0);
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!w.program_running(c.arm[k], week)) continue;
    const auto& program = w.coach_p(k).program;
    const double weekly = program.stipend_per_month / kWeeksPerMonth;
    if (program.stipend_min_contacts_per_month <= 0) {
      due[k] = c.active[k] ? weekly : 0.0;
      continue;
    }
    if (c.active[k]) {
      c.month_contacts[k] += c.contacts[k];
      c.month_weeks[k] += 1;
    }
    if (c.month_weeks[k] == 0 || !closes_a_month(program, week)) continue;
    const double required = program.stipend_min_contacts_per_month * c.month_weeks[k] / kWeeksPerMonth;
    const bool paid = c.month_contacts[k] >= required;
    due[k] = paid ? weekly * c.month_weeks[k] : 0.0;
    c.stipend_withheld[k] = !paid;
    c.month_contacts[k] = 0;
    c.month_weeks[k] = 0;
  }
  return due;
}

// Costs per arm and category, summed over a chunk of patients.
using ArmCosts = std::vector<std::array<double, kCostCategoryCount>>;
constexpr std::size_t kCostChunk = 8192;

// Each patient's costs of the week, summed in fixed chunks of patients (in parallel) and booked per
// arm and category in chunk order: the same sums for any thread count.
void patient_costs(World& w, const StepContext& ctx, const std::vector<double>& stipend) {
  const auto& c = w.coaches;
  const auto& pts = w.patients;
  const std::uint32_t week = ctx.step;
  const double step_week = w.p().costs.therapy_step_per_year / 52.0;
  std::vector<ArmCosts> partial(sim::Executor::chunk_count(pts.size(), kCostChunk), ArmCosts(w.arms.size()));
  // A coach's cost is shared by the patients they hold this week: each one's share, taken once per coach.
  std::vector<double> share_of(c.size());
  for (std::size_t k = 0; k < c.size(); ++k) share_of[k] = c.caseload[k] > 0 ? 1.0 / c.caseload[k] : 0.0;
  ctx.for_each_fixed_chunk(pts.size(), kCostChunk, [&](std::size_t chunk, AgentRange r) {
    ArmCosts& sum = partial[chunk];
    // The program's costs, over the patients it serves (each category still summed in patient order).
    auto served = [&](std::size_t i, std::size_t s) {
      const bool alive = w.alive(i);
      return alive & w.in_coaching(i, s, week);
    };
    sim::for_each_selected_member(pts.records.held, r, served, [&](std::size_t i, std::size_t s) {
      auto& arm = sum[pts.arm[i]];
      const auto& p = w.patient_p(i);
      const double supervision =
          p.program.supervision_hours_per_month / kWeeksPerMonth * p.costs.supervisor_pay_per_hour;
      const auto k = static_cast<std::size_t>(pts.records.coach[s]);
      const double share = share_of[k];
      arm[kCostCoachPay] += c.hours[k] * p.costs.coach_pay_per_hour * share;
      arm[kCostStipends] += stipend[k] * share;
      arm[kCostSupervision] += supervision * share;
      arm[kCostOverhead] += p.costs.overhead_per_patient_week;
    });
    // Care's costs, for everyone alive.
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (!w.alive(i)) continue;
      auto& arm = sum[pts.arm[i]];
      const auto& p = w.patient_p(i);
      if (pts.flag(i, PatientFlag::Visited)) arm[kCostProviderVisits] += p.costs.provider_visit;
      const int added =
          static_cast<int>(pts.people.treatment_step(i)) - static_cast<int>(pts.people.treatment_step0(i));
      if (added > 0) arm[kCostAddedTherapy] += added * step_week;
    }
  });
  for (std::size_t a = 0; a < w.arms.size(); ++a) {
    for (const auto category : {kCostCoachPay, kCostStipends, kCostSupervision, kCostOverhead, kCostProviderVisits,
                                kCostAddedTherapy}) {
      double total = 0;
      for (const ArmCosts& chunk : partial) total += chunk[a][category];
      if (total != 0) w.book(a, category, week, total);
    }
  }
}

// An active coach holding no patient this week is still paid the stipend and supervised, and a
// coach who quit is paid a conditional stipend earned before: that cost goes to the coach's arm.
void coach_costs(World& w, std::uint32_t week, const std::vector<double>& stipend) {
  const auto& c = w.coaches;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const bool idle = c.active[k] && c.caseload[k] == 0 && w.program_running(c.arm[k], week);
    const auto& p = w.coach_p(k);
    if (idle && c.hours[k] > 0) w.book(c.arm[k], kCostCoachPay, week, c.hours[k] * p.costs.coach_pay_per_hour);
    if ((idle || !c.active[k]) && stipend[k] > 0) w.book(c.arm[k], kCostStipends, week, stipend[k]);
    const double supervision = p.program.supervision_hours_per_month / kWeeksPerMonth * p.costs.supervisor_pay_per_hour;
    if (idle && supervision > 0) w.book(c.arm[k], kCostSupervision, week, supervision);
  }
}

}  // namespace

void costs(World& w, const StepContext& ctx) {
  const std::vector<double> stipend = stipends_due(w, ctx.step);
  patient_costs(w, ctx, stipend);
  coach_costs(w, ctx.step, stipend);
}

}  // namespace coachsim::mechanisms
