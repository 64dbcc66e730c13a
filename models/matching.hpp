#pragma once
// Matching of coached patients to coaches with room in their caseload, by the program's policy:
// random; concordant on one attribute -- language, sex, age band or race/ethnicity (fewest patients
// first among the coaches who share the patient's category); by similarity (language, sex, age); or
// by style (same language first, then the coach whose style best serves the patient's needs,
// models/needs.hpp). A patient given a new coach starts a new relationship. Patients are taken in
// enrolment order, so the result is deterministic and a patient added at the end changes no earlier
// match.
#include <cstdint>
#include <optional>
#include <vector>

#include "models/state.hpp"

namespace coachsim {


// The attributes concordance matching can match on, and the categories they put people in.
enum class ConcordanceAttribute : std::uint8_t { Language, Sex, AgeBand, RaceEthnicity };
inline constexpr std::size_t kConcordanceCategories = 16;
inline constexpr double kAgeBandYears = 10;  // age bands are decades of age: 40-49, 50-59, ...

// The attribute a matching policy matches on, if it is a concordance policy.
std::optional<ConcordanceAttribute> concordance_attribute(Matching policy);
// A person's category of `attribute`, below kConcordanceCategories.
std::uint8_t concordance_category(ConcordanceAttribute attribute, const People& people, std::size_t person);

// Similarity of a coach to a patient on [0, 1]: mean of same language, same sex, closeness in age.
double similarity(const People& patient_side, std::size_t patient, const People& coach_side, std::size_t coach);

// Whether patient `i` waits for a coach of their arm's pool in `week`: entered the program, no coach
// yet (kNoCoach), not dropped. Inline and without branches (`&`: every condition is evaluated, which
// is cheaper than a guess per patient): the population phases and the recorder ask it of every patient
// with a program record; `row` is the patient's (Patients::record).
inline bool waiting_for_a_coach(const World& w, std::size_t i, std::size_t row, std::uint32_t week) {
  const auto& pts = w.patients;
  const bool no_coach = pts.records.coach[row] == kNoCoach;
  const bool entered = pts.entry(i) <= week;
  const bool engaged = pts.engagement(i) != Engagement::Dropped;
  const bool pool = w.p().arms[pts.arm[i]].intervention == Intervention::PeerCoaching;
  return no_coach & entered & engaged & pool;
}

// Per arm, the patients waiting for a coach (waiting_for_a_coach), in enrolment order.
using WaitingLists = std::vector<std::vector<std::uint32_t>>;
WaitingLists waiting_lists(const World& world, std::uint32_t week);

// Assigns the waiting patients of each peer-coaching arm to coaches of the arm's own pool with room,
// by the arm's matching policy.
void match_waiting(World& world, std::uint32_t week, const WaitingLists& waiting);

// The same for every patient waiting now.
void match_unassigned(World& world, std::uint32_t week);

}  // namespace coachsim
