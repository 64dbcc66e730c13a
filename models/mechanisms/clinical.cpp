// Mechanism 7, clinical dynamics. True HbA1c = level + fluctuation:
//   untreated U = set + progression * years
//   lowering  R = b_sm * (sm - sm0) + b_adh * (adh - adh0) + b_tx * (step - step0) * adh
//   target    T = U - R                                  when R <= 0 (behaviour worse than at enrolment)
//             T = U - (U - floor) * (1 - exp(-R / (U - floor)))  otherwise: lowering saturates as HbA1c
//                                                        nears normal, so no one is driven below the floor
//   level     L += (T - L) * (1 - exp(-1 / lag_weeks))   (HbA1c lags glucose)
//   fluct.    F  = rho * F + sd * sqrt(1 - rho^2) * z,  rho = exp(-1 / fluctuation_weeks), sd the
//                 population's within-person SD (fluctuation_sd, capped by the population's spread)
//   true      H  = floor + s * log(1 + exp((L + F - floor) / s)),  s = 0.25: L + F above about floor + 2
//                 unchanged (to 1e-4), a soft physiological floor below
//   measured  M = H + measurement_sd * z'
// Selecting patients on a high measured value selects high F and high measurement error, both
// of which revert: regression to the mean arises from these equations, not from a term of its own.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/purposes.hpp"
#include "sim/numeric/float_math.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

constexpr double kFloorSoftness = 0.25;  // % HbA1c
// From here up, log(1 + e^x) = x + e^-x to float rounding (the next term, e^-2x / 2, is under a
// tenth of an ulp of x); below it (HbA1c within 2 points of the floor: few people) libm's
// log1p(exp(x)) in double, one person at a time.
constexpr float kSoftplusLinear = 8.0f;

// The week's constants in float, the precision of the state they move.
struct Dynamics {
  float drift, follow, rho, innovation_sd, floor, measurement_sd;
  float self_management_effect, adherence_effect, treatment_step_effect;
};

Dynamics dynamics(const ClinicalParams& cp, double population_sd, std::uint32_t step) {
  const double rho = std::exp(-1.0 / cp.fluctuation_weeks);
  return {static_cast<float>(cp.progression_per_year * (step + 1) / 52.0),
          static_cast<float>(1.0 - std::exp(-1.0 / cp.lag_weeks)),
          static_cast<float>(rho),
          static_cast<float>(within_person_sd(population_sd, cp.fluctuation_sd) * std::sqrt(1.0 - rho * rho)),
          static_cast<float>(cp.hba1c_floor),
          static_cast<float>(cp.measurement_sd),
          static_cast<float>(cp.self_management_effect),
          static_cast<float>(cp.adherence_effect),
          static_cast<float>(cp.treatment_step_effect)};
}

// A tile's people, their columns gathered side by side so that the week's arithmetic runs over
// them as vectors: what it reads, then what it writes.
struct ClinicalTile {
  using Column = std::array<float, sim::kSelectionTile>;
  Column z_fluctuation, z_measurement;
  Column set, self_management, self_management0, adherence, adherence0, treatment_change, level, fluctuation;
  Column hba1c_true, hba1c_measured;
  std::array<bool, sim::kSelectionTile> below_linear;         // whose soft floor needs log1p(exp(x)): few
  std::array<std::uint16_t, sim::kSelectionTile> near_floor;  // their places

  void gather(const People& people, std::size_t k, std::size_t i) {
    set[k] = people.hba1c_set[i];
    self_management[k] = people.self_management[i];
    self_management0[k] = people.self_management0[i];
    adherence[k] = people.adherence[i];
    adherence0[k] = people.adherence0[i];
    treatment_change[k] = static_cast<float>(people.treatment_step(i) - people.treatment_step0(i));
    level[k] = people.hba1c_level[i];
    fluctuation[k] = people.fluctuation[i];
  }
  void scatter(People& people, std::size_t k, std::size_t i) const {
    people.hba1c_level[i] = level[k];
    people.fluctuation[i] = fluctuation[k];
    people.hba1c_true[i] = hba1c_true[k];
    people.hba1c_measured[i] = hba1c_measured[k];
  }

  // The week for people [0, n): the target, the level's lag, the fluctuation, the soft floor and the
  // measurement. No branch and no call: the loop vectorizes.
  void advance(const Dynamics d, std::size_t n) {
    constexpr auto softness = static_cast<float>(kFloorSoftness);
    for (std::size_t k = 0; k < n; ++k) {
      const float untreated = set[k] + d.drift;
      const float lowering = d.self_management_effect * (self_management[k] - self_management0[k]) +
                             d.adherence_effect * (adherence[k] - adherence0[k]) +
                             d.treatment_step_effect * treatment_change[k] * adherence[k];
      const float room = untreated - d.floor;
      // An improvement with room above the floor saturates; the ratio is kept finite for the others,
      // whose value is not taken.
      const bool saturates = (lowering > 0.0f) & (room > 0.0f);
      const float ratio = std::max(lowering, 0.0f) / std::max(room, 1e-6f);
      const float saturated = untreated + room * sim::numeric::expm1(-ratio);
      const float target = saturates ? saturated : untreated - lowering;
      level[k] += (target - level[k]) * d.follow;
      fluctuation[k] = d.rho * fluctuation[k] + d.innovation_sd * z_fluctuation[k];
      const float x = (level[k] + fluctuation[k] - d.floor) * (1.0f / softness);
      hba1c_true[k] = d.floor + softness * (x + sim::numeric::exp(-x));
      hba1c_measured[k] = hba1c_true[k] + d.measurement_sd * z_measurement[k];
      below_linear[k] = x < kSoftplusLinear;
    }
    const std::size_t near_floor_count = sim::select_in_tile(
        n, [this](std::size_t k) { return below_linear[k]; }, near_floor);
    for (std::size_t j = 0; j < near_floor_count; ++j) {
      const std::size_t k = near_floor[j];
      const double x = (static_cast<double>(level[k]) + fluctuation[k] - d.floor) / kFloorSoftness;
      hba1c_true[k] = static_cast<float>(d.floor + kFloorSoftness * std::log1p(std::exp(x)));
      hba1c_measured[k] = hba1c_true[k] + d.measurement_sd * z_measurement[k];
    }
  }
};

// `population_sd`: the HbA1c SD of the population the people come from (their within-person SD);
// `skip(i)`: people who keep their last values (the dead; coaches no longer simulated).
template <class Skip>
void advance_people(People& people, const std::vector<std::uint32_t>& ids, AgentRange r, const ClinicalParams& cp,
                    double population_sd, std::uint64_t seed, sim::random::Purpose stream, std::uint32_t step,
                    const Skip& skip) {
  const Dynamics d = dynamics(cp, population_sd, step);
  auto key = [&](std::size_t i) { return sim::random::StreamKey{seed, stream, ids[i], step}; };
  ClinicalTile t;
  // In stages over a tile: the two normals of every selected person (the central formula for all,
  // branch-free, so the loop vectorizes; then the ~5% tail words again), their columns gathered, the
  // week's arithmetic over the tile, the results put back.
  sim::for_each_selected_tile_with_blocks(
      r, [&](std::size_t i) { return !skip(i); }, key,
      [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        for (std::size_t k = 0; k < n; ++k) {
          t.z_fluctuation[k] = static_cast<float>(sim::random::standard_normal_central(blocks[k][0]));
          t.z_measurement[k] = static_cast<float>(sim::random::standard_normal_central(blocks[k][1]));
        }
        for (std::size_t k = 0; k < n; ++k) {
          if (sim::random::in_normal_tail(blocks[k][0])) {
            t.z_fluctuation[k] = static_cast<float>(sim::random::standard_normal_tail(blocks[k][0]));
          }
          if (sim::random::in_normal_tail(blocks[k][1])) {
            t.z_measurement[k] = static_cast<float>(sim::random::standard_normal_tail(blocks[k][1]));
          }
        }
        for (std::size_t k = 0; k < n; ++k) t.gather(people, k, first + offsets[k]);
        t.advance(d, n);
        for (std::size_t k = 0; k < n; ++k) t.scatter(people, k, first + offsets[k]);
      });
}

}  // namespace

void patient_clinical(World& w, const StepContext& ctx, AgentRange r) {
  advance_people(w.patients.people, w.patients.id, r, w.p().clinical, w.p().population.hba1c_sd, w.seed,
                 purpose::kPatientClinical, ctx.step, [&w](std::size_t i) { return !w.alive(i); });
}

namespace {

// Coaches come from the coach candidates' population (coaches.population, the scenario's: the same
// for every arm).
double coaches_sd(const World& w) { return w.coach_candidates.front().population.hba1c_sd; }

}  // namespace

void coach_clinical(World& w, const StepContext& ctx, AgentRange r) {
  auto absent = [&w](std::size_t k) { return !w.simulates_coach_person(k); };
  advance_people(w.coaches.people, w.coaches.id, r, w.p().clinical, coaches_sd(w), w.seed,
                 purpose::kCoachClinical, ctx.step, absent);
}

void founder_clinical(World& w, const StepContext& ctx, AgentRange r) {
  // The twin's draws are the founder's: same purpose, identity and week.
  auto& founders = w.coaches.founders;
  auto absent = [&founders](std::size_t f) { return !founders.simulated(f); };
  for (People* people : {&founders.people, &founders.twin}) {
    advance_people(*people, founders.id, r, w.p().clinical, coaches_sd(w), w.seed, purpose::kCoachClinical,
                   ctx.step, absent);
  }
}

}  // namespace coachsim::mechanisms
