#pragma once
// Initialization of one replicate: screening and enrolment of patients, randomization to arms,
// recruitment and training of the coach pool, and matching. Every draw is keyed by the
// person's candidate index, never by the arm, so a person is the same in every arm
// (common random numbers) and adding a patient changes no one else.
#include <cstdint>

#include "models/state.hpp"

namespace coachsim {

World make_world(const ModelParams& params, std::uint64_t replicate_seed);

// Recruits trainees from the coach candidate stream until one qualifies, starting at `week`;
// their training cost is booked to the coached arms. Returns the new coach's index.
std::size_t recruit_coach(World& world, std::uint32_t week);

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
