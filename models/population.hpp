#pragma once
// Initialization of one replicate: screening and enrolment of patients, randomization to arms,
// recruitment and training of the coach pool, and matching. Every draw is keyed by the
// person's candidate index, never by the arm, so a person is the same in every arm
// (common random numbers) and adding a patient changes no one else.
#include <cstdint>
#include <vector>

#include "models/state.hpp"
#include "sim/engine/executor.hpp"
#include "sim/random/stream_key.hpp"

namespace coachsim {

// Who enrolled: each patient's candidate index and arm, in enrolment order, and how many candidates
// were screened to find them.
struct Enrolment {
  std::vector<std::uint32_t> candidate;
  std::vector<std::uint8_t> arm;
  std::uint32_t screened = 0;
};

// Worlds of this many patients or more tabulate the copula behaviours' Beta quantiles (World::
// patient_behaviours, candidate_behaviours; models/beta_quantile.hpp): the same values, about 1 ms of
// tables per population repaid by about 2 us saved per person drawn.
inline constexpr std::uint32_t kTabulatedBehavioursFrom = 2000;

// Candidates are screened on `executor`'s threads; the world is the same for any executor.
// `arms_wanted` (optional): keep only these arms' patients (each patient's draws are keyed by their
// identity, so the others' absence changes no one). `known` (optional, with arms_wanted): the enrolment
// an earlier make_world with the same population, eligibility and arm shares found (`found`), so only the
// wanted arms' patients are drawn again and no other candidate is screened.
World make_world(const ModelParams& params, std::uint64_t replicate_seed,
                 const sim::Executor& executor = sim::Executor(sim::ExecutionMode::Serial),
                 const Enrolment* known = nullptr, const std::vector<bool>* arms_wanted = nullptr,
                 Enrolment* found = nullptr);

// Recruits trainees from the coach candidate stream for `arm`'s pool until one qualifies, starting
// at `week`; screening and training costs are booked to the arm. Returns the new coach's index.
std::size_t recruit_coach(World& world, std::size_t arm, std::uint32_t week);

// Recruits one coach for each of `arms`, in that order, as recruit_coach does; candidates are screened
// ahead in parallel blocks on `executor` and taken in candidate order, so the coaches are the same for
// any executor.
void recruit_coaches(World& world, const std::vector<std::uint8_t>& arms, std::uint32_t week,
                     const sim::Executor& executor);

// Trains patient `i` as a coach of their arm's pool, starting at `week` (a reciprocal peer, or a
// graduate who becomes a mentor): style drawn from the patient's own `style_stream`, trained by
// the arm's program (cost booked to the arm); their own diabetes stays their patient record.
std::size_t train_patient_as_coach(World& world, std::size_t patient, std::uint32_t week,
                                   sim::random::Purpose style_stream);

// How far a coach's boundaries and responsibility are from the program's norms: the mean absolute
// difference, on [0, 1] (recruitment screening by style).
double style_distance(const Coaches& coaches, std::size_t coach, const ProgramParams& program);

// The SD of the slow within-person fluctuation in a population of HbA1c SD `population_sd`:
// clinical.fluctuation_sd, but at most half the population's variance, so a population with a narrow
// spread (a general practice, a coach pool) has the spread asked for and fluctuates less.
double within_person_sd(double population_sd, double fluctuation_sd);

// Skill from training hours: 1 - 2^(-hours / half_hours).
double training_skill(double training_hours, double half_hours);

}  // namespace coachsim
