// Mechanism 6, resource seeking, and the providers' side: coaches bring poorly controlled
// patients' problems to the clinic, which answers within a weekly capacity; independently,
// providers see every patient on a schedule and intensify therapy with some probability when
// control is poor (clinical inertia). Usual care gets the same provider dynamics.
#include <array>
#include <cmath>
#include <vector>

#include "models/clinics.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

void intensify(People& people, std::size_t i, std::uint32_t max_step) {
  const std::uint8_t step = people.treatment_step(i);
  if (step < max_step) people.set_treatment_step(i, static_cast<std::uint8_t>(step + 1));
}

}  // namespace

void resource_seeking(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  auto contacted_without_request = [&](std::size_t i, std::size_t s) {
    const bool contacted = pts.records.contacted(s);
    return contacted & !pts.flag(i, PatientFlag::RequestPending);
  };
  sim::for_each_selected_member(
      pts.records.held, r, contacted_without_request, [&](std::size_t i, std::size_t s) {
        const auto& p = w.patient_p(i);
        const float dose = w.dose(i, s);
        if (dose <= 0 || pts.people.clinic_hba1c[i] < p.providers.intensification_threshold) return;
        const auto k = static_cast<std::size_t>(pts.records.coach[s]);
        const auto u = sim::random::stream_block({w.seed, purpose::kResourceSeeking, pts.id[i], ctx.step});
        const double chance = p.coaching.resource_seeking_probability * w.coaches.resource_seeking[k] *
                              std::min(1.0, static_cast<double>(dose));
        pts.set_flag(i, PatientFlag::RequestPending, sim::random::bernoulli(u[0], chance));
      });
}

namespace {

// The chance that a person's scheduled visit falls in a given week.
double visit_chance(const ModelParams& p) { return 1.0 / p.providers.visit_interval_weeks; }

// A visit that falls in this week: the provider measures HbA1c and, when control is poor, intensifies
// with probability `intensification` (clinical inertia; it may differ between clinics). `u` holds the
// person's draws for this week's visit.
void see(People& people, std::size_t i, const sim::random::PhiloxCounter& u, const ModelParams& p,
         double intensification) {
  const double measured = people.hba1c_true[i] + p.clinical.measurement_sd * sim::random::to_standard_normal(u[2]);
  people.clinic_hba1c[i] = static_cast<float>(measured);
  if (measured >= p.providers.intensification_threshold && sim::random::bernoulli(u[1], intensification)) {
    intensify(people, i, p.clinical.max_treatment_step);
  }
}

// A scheduled visit, if it falls in this week (u[0]); returns whether it did.
bool visit(People& people, std::size_t i, const sim::random::PhiloxCounter& u, const ModelParams& p,
           double intensification) {
  if (!sim::random::bernoulli(u[0], visit_chance(p))) return false;
  see(people, i, u, p, intensification);
  return true;
}

// A coach's visit: their arm's providers, at the intensification probability without a clinic's
// (coaches have none), on draws keyed by their coach id; a founder's twin is seen on the same draws
// (`people`: the records seen, index `i` in each).
template <class... Records>
void coach_visit(const World& w, std::uint32_t id, std::size_t arm, std::uint32_t step, std::size_t i,
                 Records&... people) {
  const auto u = sim::random::stream_block({w.seed, purpose::kCoachProviderVisit, id, step});
  const auto& p = w.arm_p(arm);
  (visit(people, i, u, p, p.providers.intensification_probability), ...);
}

}  // namespace

void provider_visits(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  for (std::size_t i = r.begin; i < r.end; ++i) pts.set_flag(i, PatientFlag::Visited, false);
  // Everyone alive: care goes on whatever the patient's engagement with the program or the study.
  auto key = [&](std::size_t i) {
    return sim::random::StreamKey{w.seed, purpose::kProviderVisit, pts.id[i], ctx.step};
  };
  std::vector<double> chance(w.arms.size());
  for (std::size_t a = 0; a < w.arms.size(); ++a) chance[a] = visit_chance(w.arm_p(a));
  // In stages over a tile: whose visit falls in this week (about one in visit_interval_weeks), without
  // a branch; then their visits, with the arm's providers in the patient's clinic.
  std::array<std::uint8_t, sim::kSelectionTile> due;
  std::array<std::uint16_t, sim::kSelectionTile> visitors;
  sim::for_each_selected_tile_with_blocks(
      r, [&w](std::size_t i) { return w.alive(i); }, key,
      [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        for (std::size_t k = 0; k < n; ++k) {
          due[k] = sim::random::bernoulli(blocks[k][0], chance[pts.arm[first + offsets[k]]]);
        }
        const std::size_t m = sim::select_in_tile(
            n, [&](std::size_t k) { return due[k] != 0; }, visitors);
        for (std::size_t j = 0; j < m; ++j) {
          const std::size_t k = visitors[j], i = first + offsets[k];
          see(pts.people, i, blocks[k], w.patient_p(i), w.intensification[pts.arm[i]][pts.clinic[i]]);
          pts.set_flag(i, PatientFlag::Visited, true);
        }
      });
}

void coach_provider_visits(World& w, const StepContext& ctx, AgentRange r) {
  auto& c = w.coaches;
  for (std::size_t k = r.begin; k < r.end; ++k) {
    // A reciprocal peer is seen as the patient they are; a replacement who quit is no longer simulated.
    if (!w.simulates_coach_person(k)) continue;
    coach_visit(w, c.id[k], c.arm[k], ctx.step, k, c.people);
  }
}

void founder_provider_visits(World& w, const StepContext& ctx, AgentRange r) {
  auto& founders = w.coaches.founders;
  for (std::size_t f = r.begin; f < r.end; ++f) {
    if (!founders.simulated(f)) continue;
    // The twin differs only by the coaching gains.
    coach_visit(w, founders.id[f], founders.arm[f], ctx.step, f, founders.people, founders.twin);
  }
}

namespace {

// Answers patient i's pending request if their clinic has capacity left this week.
void answer_request(World& w, std::size_t i, std::uint32_t step, std::vector<std::uint32_t>& capacity) {
  auto& pts = w.patients;
  auto& people = pts.people;
  if (capacity[pts.clinic[i]] == 0) return;
  --capacity[pts.clinic[i]];
  pts.set_flag(i, PatientFlag::RequestPending, false);
  const auto& own = w.patient_p(i);  // the answer is the patient's arm's providers'
  w.book(pts.arm[i], kCostProviderRequests, step, own.costs.provider_request);
  const auto u = sim::random::stream_block({w.seed, purpose::kProviderRequest, pts.id[i], step});
  if (people.clinic_hba1c[i] >= own.providers.intensification_threshold &&
      sim::random::bernoulli(u[0], own.providers.request_intensification_probability)) {
    intensify(people, i, own.clinical.max_treatment_step);
  }
  people.adherence[i] +=
      static_cast<float>(own.providers.request_adherence_gain) * (1.0f - people.adherence[i]);
}

}  // namespace

void provider_requests(World& w, const StepContext& ctx) {
  const auto& pts = w.patients;
  const auto& p = w.p();
  const auto& pr = p.providers;
  // Each clinic answers up to its capacity (the clinic's, common to every arm), in enrolment order; the rest
  // wait for next week. Capacity scales with the clinic's patients (World::clinic_patients):
  // floor(rate x n x (week + 1) / 1000) - floor(rate x n x week / 1000), so a fractional weekly capacity is
  // met exactly on average. One pass in fixed chunks on the step's threads lists the pending requests; they
  // are answered below, serially, in enrolment order.
  constexpr std::size_t kChunk = 8192;
  std::vector<std::vector<std::uint32_t>> pending(sim::Executor::chunk_count(pts.size(), kChunk));
  ctx.for_each_fixed_chunk(pts.size(), kChunk, [&](std::size_t n, AgentRange r) {
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (pts.flag(i, PatientFlag::RequestPending)) pending[n].push_back(static_cast<std::uint32_t>(i));
    }
  });
  std::vector<std::uint32_t> capacity(p.population.clinics, 0);
  for (std::size_t c = 0; c < capacity.size(); ++c) {
    const double rate = pr.request_capacity_per_1000 * static_cast<double>(w.clinic_patients[c]) / 1000.0;
    capacity[c] = static_cast<std::uint32_t>(std::floor(rate * (ctx.step + 1.0)) - std::floor(rate * ctx.step));
  }
  for (const auto& chunk : pending) {
    for (const std::uint32_t i : chunk) answer_request(w, i, ctx.step, capacity);
  }
}

}  // namespace coachsim::mechanisms
