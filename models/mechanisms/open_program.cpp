// Open programs (docs/model.md §7.16): graduation after program.graduation_months with a coach
// (a share of graduates become mentors in the arm's pool), the waitlist (weeks each entered patient
// waits for a coach), and hiring when an arm's waitlist reaches coaches.hire_at_waitlist: enough
// coaches for the patients waiting beyond the places of coaches already being hired, starting
// coaches.replacement_delay_weeks later. Matching itself is coach_attrition's.
#include <cmath>
#include <limits>
#include <vector>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

void count_week_if(std::uint16_t& weeks, bool counted) {
  weeks =
      static_cast<std::uint16_t>(weeks + (counted & (weeks != std::numeric_limits<std::uint16_t>::max())));
}

void graduate(World& w, std::size_t i, std::uint32_t step) {
  auto& pts = w.patients;
  pts.records.coach[pts.record(i)] = kGraduated;
  const double mentors = w.patient_p(i).program.graduate_mentor_share;
  if (mentors <= 0) return;
  const auto u = sim::random::stream_block({w.seed, purpose::kGraduation, pts.id[i], step});
  if (!sim::random::bernoulli(u[0], mentors)) return;
  train_patient_as_coach(w, i, step + 1, purpose::kMentor);
  ++w.ledger.mentors;
}

void hire(World& w, const std::vector<std::uint32_t>& waiting, std::uint32_t step) {
  for (std::size_t a = 0; a < waiting.size(); ++a) {
    const auto& p = w.arm_p(a);
    if (p.coaches.hire_at_waitlist == 0 || !w.program_running(a, step)) continue;
    std::uint64_t coming = 0;  // places of coaches already being hired or replaced
    for (const auto& due : w.ledger.replacements_due) coming += due.arm == a ? p.program.caseload : 0;
    if (waiting[a] < coming + p.coaches.hire_at_waitlist) continue;
    const auto hires = (waiting[a] - coming + p.program.caseload - 1) / p.program.caseload;
    for (std::uint64_t n = 0; n < hires; ++n) {
      w.ledger.replacements_due.push_back({step + p.coaches.replacement_delay_weeks, static_cast<std::uint8_t>(a)});
    }
  }
}

// Whether patient i waits for a coach this week while still in the clinic (a week on the waitlist).
bool on_waitlist(const World& w, std::size_t i, std::size_t row, std::uint32_t step) {
  const bool waiting = waiting_for_a_coach(w, i, row, step);
  return waiting & (w.patients.care(i) == Care::InClinic);
}

}  // namespace

void program_weeks(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  // The patients of coached arms (those with a program record), without branches on the patient:
  // each count adds 0 or 1, saturating.
  pts.records.held.for_each_member(r, [&](std::size_t i, std::size_t s) {
    const bool counted = w.program_running(pts.arm[i], ctx.step);
    const bool coached = counted & w.in_coaching(i, s, ctx.step);
    const bool waits = counted & !coached & on_waitlist(w, i, s, ctx.step);
    if (pts.has_weeks_coached) count_week_if(pts.weeks_coached[i], coached);
    count_week_if(pts.records.weeks_waited[s], waits);
  });
}

void open_program(World& w, const StepContext& ctx) {
  bool graduation = false, hiring = false;
  for (std::size_t a = 0; a < w.arms.size(); ++a) {
    if (!w.arm_coached[a] || !w.program_running(a, ctx.step)) continue;
    graduation |= w.arm_p(a).program.graduation_months > 0;
    hiring |= w.arm_p(a).coaches.hire_at_waitlist > 0;
  }
  if (!graduation && !hiring) return;  // a closed program: nothing to do, and no pass over the patients
  auto& pts = w.patients;
  std::vector<std::uint32_t> waiting(w.arms.size(), 0);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!w.arm_coached[pts.arm[i]] || !w.program_running(pts.arm[i], ctx.step)) continue;
    if (w.in_coaching(i, ctx.step)) {
      const double graduation_weeks = w.patient_p(i).program.graduation_months * kWeeksPerMonth;
      if (graduation_weeks > 0 && pts.weeks_coached[i] >= graduation_weeks) graduate(w, i, ctx.step);
    } else if (on_waitlist(w, i, pts.record(i), ctx.step)) {
      ++waiting[pts.arm[i]];
    }
  }
  hire(w, waiting, ctx.step);
}

}  // namespace coachsim::mechanisms
