// Mechanisms 8 and 9: coaches' emotional load and attrition, and the self-management gains a
// coach draws from coaching.
//   load      A = A * exp(-(1 + relief * supervision_hours) / recovery_weeks)
//                 + load_per_hour * hours * (1 + f_open * openness) * (1 + f_distress * distress)
//   quitting  h = base * exp(sensitivity * A) * exp(-retention * stipend / 100) * (depressed ? f_dep : 1)
//                 (stipend: the one the coach is paid; 0 after a month whose conditional stipend was withheld)
//                 * exp(-experience_quit_reduction * years coached)
// Practice (docs/model.md §7.14): trained style and fidelity drift back toward what the coach brought
// and supervision pulls them toward the program's norms; experience adds skill.
//   x += waning * (natural - x) + pull * supervision_hours * (norm - x)   (openness, responsibility)
//   fidelity += waning * (natural - fidelity) + pull * supervision_hours * (1 - fidelity)
//   skill = 1 - 2^(-(training_hours + experience_hours_per_week * weeks coached) / half_hours)
#include <algorithm>
#include <cmath>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

// The patients after this week's quits: the patients of coaches who quit are reassigned (matched
// again) or released (no coach) by their arm's policy -- a reciprocal peer whose partner stops
// coaching has no one else to be paired with --; caseloads are recounted (they count patients still
// in the study, so a dropout frees a place); then the patients waiting for a coach (among them the
// reassigned) are listed for matching, in order. In parallel over eight fixed lanes of patients: each
// lane writes only its own patients, counts into caseloads of its own (two threads counting into one
// array would pass its cache lines back and forth), summed after (integers: the same in any order), and
// lists its waiting patients; the lists are joined in lane order.
WaitingLists settle_patients(World& w, const StepContext& ctx) {
  constexpr std::size_t kLanes = 8;
  auto& pts = w.patients;
  auto& c = w.coaches;
  const std::uint32_t step = ctx.step;
  const std::size_t lane_size = std::max<std::size_t>(1, (pts.size() + kLanes - 1) / kLanes);
  const std::size_t lanes = sim::Executor::chunk_count(pts.size(), lane_size);
  std::vector<std::vector<std::uint32_t>> caseloads(lanes, std::vector<std::uint32_t>(c.size(), 0));
  std::vector<WaitingLists> partial(lanes, WaitingLists(w.arms.size()));
  ctx.for_each_fixed_chunk(pts.size(), lane_size, [&](std::size_t lane, AgentRange r) {
    auto& caseload = caseloads[lane];
    auto& rec = pts.records;
    sim::for_each_selected_member(
        rec.held, r, [&rec](std::size_t, std::size_t s) { return rec.coach[s] >= 0; },
        [&](std::size_t i, std::size_t s) {
          auto& coach = rec.coach[s];
          const auto k = static_cast<std::size_t>(coach);
          if (!c.active[k]) {
            const bool rematch = w.p().arms[pts.arm[i]].intervention == Intervention::PeerCoaching &&
                                 w.patient_p(i).coaches.reassignment == Reassignment::Reassign;
            coach = rematch ? kNoCoach : kReleasedFromCoaching;
          } else if (pts.engagement(i) != Engagement::Dropped) {
            ++caseload[k];
          }
        });
    WaitingLists& waiting = partial[lane];
    sim::for_each_selected_member(
        rec.held, r, [&](std::size_t i, std::size_t s) { return waiting_for_a_coach(w, i, s, step); },
        [&](std::size_t i, std::size_t) { waiting[pts.arm[i]].push_back(static_cast<std::uint32_t>(i)); });
  });
  std::fill(c.caseload.begin(), c.caseload.end(), 0u);
  for (const auto& caseload : caseloads) {
    for (std::size_t k = 0; k < caseload.size(); ++k) c.caseload[k] += caseload[k];
  }
  WaitingLists waiting(w.arms.size());
  for (const auto& lane : partial) {
    for (std::size_t a = 0; a < waiting.size(); ++a)
      waiting[a].insert(waiting[a].end(), lane[a].begin(), lane[a].end());
  }
  return waiting;
}

// A reciprocal peer coaches only while they are in the program themselves.
bool peer_left_program(const World& w, std::size_t k, std::uint32_t step) {
  const std::int32_t patient = w.coaches.patient[k];
  if (patient == kNotAPatient) return false;
  const auto i = static_cast<std::size_t>(patient);
  return w.patients.care(i) != Care::InClinic || w.patients.engagement(i) == Engagement::Dropped ||
         !w.program_running(w.patients.arm[i], step);
}

// Whether active coach k quits this week: a reciprocal peer who left the program, or by the hazard.
bool coach_quits(const World& w, std::size_t k, std::uint32_t step) {
  const auto& c = w.coaches;
  if (!c.active[k] || !w.program_running(c.arm[k], step)) return false;
  if (peer_left_program(w, k, step)) return true;
  const auto& p = w.coach_p(k);
  const auto& cp = p.coaches;
  const double years_coached = (static_cast<double>(step) - c.start_week[k]) / 52.0;
  const double hazard =
      cp.quit_hazard_base * std::exp(cp.quit_load_sensitivity * c.load[k]) *
      (c.stipend_withheld[k] ? 1.0 : std::exp(-cp.stipend_retention * p.program.stipend_per_month / 100.0)) *
      (c.depressed[k] ? cp.depression_quit_factor : 1.0) *
      std::exp(-cp.experience_quit_reduction * std::max(0.0, years_coached));
  const auto u = sim::random::stream_block({w.seed, purpose::kCoachAttrition, c.id[k], step});
  return sim::random::bernoulli(u[0], hazard);
}

// Former coaches (World::former_coach) are released once they are a sixteenth of the coaches, so they
// do not accumulate over a long program with replacement; removing them in order moves no result.
void release_former_coaches(World& w, std::uint32_t step) {
  auto& c = w.coaches;
  std::size_t former = 0;
  for (std::size_t k = 0; k < c.size(); ++k) former += w.former_coach(k, step);
  if (former == 0 || former * kCoachSlackDivisor < c.size()) return;
  std::vector<std::uint8_t> keep(c.size());
  for (std::size_t k = 0; k < c.size(); ++k) keep[k] = !w.former_coach(k, step);
  w.release_coaches(keep);
}

}  // namespace

void coach_load(World& w, const StepContext&, AgentRange r) {
  auto& c = w.coaches;
  for (std::size_t k = r.begin; k < r.end; ++k) {
    if (!c.active[k]) continue;
    const auto& cp = w.coach_p(k).coaches;
    const double recovery = std::exp(-(1.0 + cp.supervision_relief * w.coach_p(k).program.supervision_hours_per_month) /
                                     cp.load_recovery_weeks);
    c.load[k] = static_cast<float>(c.load[k] * recovery +
                                   cp.load_per_hour * c.hours[k] * (1.0 + cp.openness_load_factor * c.openness[k]) *
                                       (1.0 + cp.distress_load_factor * c.distress[k]));
  }
}

void coach_attrition(World& w, const StepContext& ctx) {
  bool any_program_running = false;
  for (std::size_t a = 0; a < w.arms.size(); ++a) any_program_running |= w.arm_coached[a] && w.program_running(a, ctx.step);
  if (!any_program_running) return;
  release_former_coaches(w, ctx.step);
  auto& c = w.coaches;
  // Each coach's decision on the step's threads (it reads no other coach), then applied in order.
  std::vector<std::uint8_t> quits(c.size(), 0);
  ctx.for_each_fixed_chunk(c.size(), 512, [&](std::size_t, AgentRange r) {
    for (std::size_t k = r.begin; k < r.end; ++k) quits[k] = coach_quits(w, k, ctx.step);
  });
  bool changed = false;
  for (std::size_t k = 0; k < quits.size(); ++k) {
    if (!quits[k]) continue;
    c.active[k] = 0;
    if (c.is_founder(k)) c.founders.practising[c.number[k]] = 0;
    c.quit_week[k] = static_cast<std::int32_t>(ctx.step);
    ++w.ledger.quits;
    if (w.coach_p(k).coaches.replace_quitters && c.patient[k] == kNotAPatient) {
      w.ledger.replacements_due.push_back(
          {ctx.step + w.coach_p(k).coaches.replacement_delay_weeks, c.arm[k]});
    }
    changed = true;
  }
  // Replacements due this week, recruited in the order they fell due.
  auto& due = w.ledger.replacements_due;
  std::vector<std::uint8_t> recruits;
  for (const auto& replacement : due) {
    if (replacement.week <= ctx.step) recruits.push_back(replacement.arm);
  }
  std::erase_if(due, [&](const Ledger::Replacement& r) { return r.week <= ctx.step; });
  if (!recruits.empty()) {
    recruit_coaches(w, recruits, ctx.step + 1, ctx.executor_or_serial());
    changed = true;
  }
  const WaitingLists waiting = settle_patients(w, ctx);
  const bool anyone_waiting =
      std::any_of(waiting.begin(), waiting.end(), [](const auto& list) { return !list.empty(); });
  if (changed || anyone_waiting) match_waiting(w, ctx.step, waiting);
}

void coach_practice(World& w, const StepContext& ctx, AgentRange r) {
  auto& c = w.coaches;
  for (std::size_t k = r.begin; k < r.end; ++k) {
    if (!c.active[k] || !w.program_running(c.arm[k], ctx.step)) continue;
    const auto& p = w.coach_p(k);
    const auto& k_params = p.coaching;
    const double waning = k_params.practice_waning_per_week;
    const double pull = std::min(1.0 - waning, k_params.supervision_style_pull * p.program.supervision_hours_per_month);
    auto drift = [&](float& x, double natural, double norm) {
      x += static_cast<float>(waning * (natural - x) + pull * (norm - x));
    };
    drift(c.openness[k], c.natural_openness[k], p.program.norm_openness);
    drift(c.responsibility[k], c.natural_responsibility[k], p.program.norm_responsibility);
    drift(c.fidelity[k], c.natural_fidelity[k], 1.0);
    const double weeks_coached = static_cast<double>(ctx.step) + 1.0 - c.start_week[k];
    c.skill[k] = static_cast<float>(training_skill(
        p.program.training_hours + k_params.experience_hours_per_week * std::max(0.0, weeks_coached),
        k_params.training_half_hours));
  }
}

void coach_waning(World& w, const StepContext& ctx, AgentRange r) {
  auto& c = w.coaches;
  const Waning waning(w.p().durability);
  for (std::size_t k = r.begin; k < r.end; ++k) {
    if (w.program_running(c.arm[k], ctx.step) && c.active[k]) continue;  // a practising coach keeps the gains
    // A reciprocal peer's gains wane as the patient's; a replacement who quit is no longer simulated.
    if (!w.simulates_coach_person(k)) continue;
    wane_toward_enrolment(c.people, k, waning.rate(c.people.autonomy[k]));
  }
}

void founder_waning(World& w, const StepContext& ctx, AgentRange r) {
  auto& founders = w.coaches.founders;
  const Waning waning(w.p().durability);
  for (std::size_t f = r.begin; f < r.end; ++f) {
    if (!founders.simulated(f)) continue;
    if (w.program_running(founders.arm[f], ctx.step) && founders.practising[f]) continue;
    wane_toward_enrolment(founders.people, f, waning.rate(founders.people.autonomy[f]));
  }
}

void coach_gains(World& w, const StepContext&, AgentRange r) {
  auto& c = w.coaches;
  for (std::size_t k = r.begin; k < r.end; ++k) {
    if (c.contacts[k] <= 0) continue;
    const auto& k_params = w.coach_p(k).coaching;
    // Teaching consolidates the coach's own self-management; being a role model raises activation.
    // A reciprocal peer's own diabetes is the trial patient's: the gain reaches the patient.
    const double teach = k_params.coach_self_management_gain * 1.5 * (c.advisor[k] + c.role_model[k]) * c.contacts[k];
    const double model = k_params.coach_activation_gain * 3.0 * c.role_model[k] * c.contacts[k];
    const auto [people, j] = w.coach_person(k);
    people.self_management[j] += static_cast<float>(std::min(1.0, teach)) * (1.0f - people.self_management[j]);
    people.activation[j] += static_cast<float>(std::min(1.0, model)) * (1.0f - people.activation[j]);
  }
}

}  // namespace coachsim::mechanisms
