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
#include <array>
#include <cmath>
#include <cstdint>

#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

constexpr double kFloorSoftness = 0.25;  // % HbA1c

double soft_floor(double value, double floor) {
  return floor + kFloorSoftness * softplus((value - floor) / kFloorSoftness);
}

// The HbA1c target in two parts: the untreated value and the lowering, and whether the lowering
// saturates (an improvement with room above the floor: the expm1 below).
struct TargetTerms {
  double untreated, lowering, room;
  bool saturates() const {
    const bool worse = lowering <= 0;
    const bool no_room = room <= 0;
    return !(worse | no_room);
  }
};

TargetTerms target_terms(const People& people, std::size_t i, const ClinicalParams& cp, double drift) {
  const double adherence = people.adherence[i];
  const double untreated = people.hba1c_set[i] + drift;
  const double lowering =
      cp.self_management_effect * (people.self_management[i] - people.self_management0[i]) +
      cp.adherence_effect * (adherence - people.adherence0[i]) +
      cp.treatment_step_effect * (people.treatment_step(i) - people.treatment_step0(i)) * adherence;
  return {untreated, lowering, untreated - cp.hba1c_floor};
}

double saturated_target(const TargetTerms& t) {
  return t.untreated - t.room * -std::expm1(-t.lowering / t.room);
}

// `population_sd`: the HbA1c SD of the population the people come from (their within-person SD);
// `skip(i)`: people who keep their last values (the dead; coaches no longer simulated).
template <class Skip>
void advance_people(People& people, const std::vector<std::uint32_t>& ids, AgentRange r, const ClinicalParams& cp,
                    double population_sd, std::uint64_t seed, sim::random::Purpose stream, std::uint32_t step,
                    const Skip& skip) {
  const double follow = 1.0 - std::exp(-1.0 / cp.lag_weeks);
  const double rho = std::exp(-1.0 / cp.fluctuation_weeks);
  const double innovation_sd = within_person_sd(population_sd, cp.fluctuation_sd) * std::sqrt(1.0 - rho * rho);
  const double drift = cp.progression_per_year * (step + 1) / 52.0;
  auto key = [&](std::size_t i) { return sim::random::StreamKey{seed, stream, ids[i], step}; };
  // In stages over a tile: the two normals of every selected person first (the central branch for
  // all, branch-free, so the loop vectorizes; then the ~5% tail words again), then the dynamics.
  sim::for_each_selected_tile_with_blocks(
      r, [&](std::size_t i) { return !skip(i); }, key,
      [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        std::array<double, sim::kSelectionTile> z_fluctuation, z_measurement;
        for (std::size_t k = 0; k < n; ++k) {
          z_fluctuation[k] = sim::random::standard_normal_central(blocks[k][0]);
          z_measurement[k] = sim::random::standard_normal_central(blocks[k][1]);
        }
        for (std::size_t k = 0; k < n; ++k) {
          if (sim::random::in_normal_tail(blocks[k][0])) {
            z_fluctuation[k] = sim::random::standard_normal_tail(blocks[k][0]);
          }
          if (sim::random::in_normal_tail(blocks[k][1])) {
            z_measurement[k] = sim::random::standard_normal_tail(blocks[k][1]);
          }
        }
        // The targets: linear for all, then the saturating ones (whether a person's lowering
        // saturates is a coin toss between arms, so they are selected without a branch).
        std::array<double, sim::kSelectionTile> target;
        std::array<std::uint16_t, sim::kSelectionTile> saturating;
        std::size_t m = 0;
        for (std::size_t k = 0; k < n; ++k) {
          const TargetTerms t = target_terms(people, first + offsets[k], cp, drift);
          target[k] = t.untreated - t.lowering;
          saturating[m] = static_cast<std::uint16_t>(k);
          m += static_cast<std::size_t>(t.saturates());
        }
        for (std::size_t j = 0; j < m; ++j) {
          const std::size_t k = saturating[j];
          target[k] = saturated_target(target_terms(people, first + offsets[k], cp, drift));
        }
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = first + offsets[k];
          const double level = people.hba1c_level[i] + (target[k] - people.hba1c_level[i]) * follow;
          const double fluctuation = rho * people.fluctuation[i] + innovation_sd * z_fluctuation[k];
          const double hba1c = soft_floor(level + fluctuation, cp.hba1c_floor);
          people.hba1c_level[i] = static_cast<float>(level);
          people.fluctuation[i] = static_cast<float>(fluctuation);
          people.hba1c_true[i] = static_cast<float>(hba1c);
          people.hba1c_measured[i] = static_cast<float>(hba1c + cp.measurement_sd * z_measurement[k]);
        }
      });
}

}  // namespace

// From 8 up, log(1 + e^x) = x + log1p(y), y = e^-x <= 3.4e-4, whose series is cut after four terms:
// the rest is below 1e-18, under half an ulp of x, so the sum is exact to double rounding (as is x
// alone above 37), and no libm log1p is called for nearly any patient (HbA1c above floor + 2).
double softplus(double x) {
  if (x > 37) return x;  // e^-x below half an ulp of x
  if (x < 8) return std::log1p(std::exp(x));
  const double y = std::exp(-x);
  return x + y * (1.0 - y * (0.5 - y * (1.0 / 3.0 - 0.25 * y)));
}

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
