#pragma once
// Matching of coached patients to coaches with room in their caseload, by the program's policy:
// random, by language (fewest patients first among same-language coaches), by similarity
// (language, sex, age), or by style (same language first, then the coach whose style best serves
// the patient's needs, models/needs.hpp). A patient given a new coach starts a new relationship. Patients are taken in enrolment order, so the result is deterministic
// and a patient added at the end changes no earlier match.
#include <cstdint>

#include "models/state.hpp"

namespace coachsim {


// Similarity of a coach to a patient on [0, 1]: mean of same language, same sex, closeness in age.
double similarity(const People& patient_side, std::size_t patient, const People& coach_side, std::size_t coach);

// Whether patient `i` waits for a coach of their arm's pool in `week`: entered the program, no coach
// yet (kNoCoach), not dropped.
bool waiting_for_a_coach(const World& world, std::size_t i, std::uint32_t week);

// Assigns every unassigned (kNoCoach), not-dropped patient of a peer-coaching arm to a coach of
// the arm's own pool with room, by the arm's matching policy.
void match_unassigned(World& world, std::uint32_t week);

}  // namespace coachsim
