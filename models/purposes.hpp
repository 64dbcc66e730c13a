#pragma once
// Stable purpose ids of the model's random streams. Never renumber: a changed id changes every
// result drawn from that stream (the golden-baseline test catches it). Append new ids only.
#include "sim/random/stream_key.hpp"

namespace coachsim::purpose {

using sim::random::Purpose;

// Initialization (step = 0)
inline constexpr Purpose kPatientTraits = 1;
inline constexpr Purpose kScreening = 2;
inline constexpr Purpose kAllocation = 3;
inline constexpr Purpose kCoachCandidate = 4;
inline constexpr Purpose kMatching = 5;
inline constexpr Purpose kBaselineMeasurement = 6;
// Weekly phases (step = week index)
inline constexpr Purpose kContact = 10;
inline constexpr Purpose kResourceSeeking = 11;
inline constexpr Purpose kProviderVisit = 12;
inline constexpr Purpose kProviderRequest = 13;
inline constexpr Purpose kPatientClinical = 14;
inline constexpr Purpose kCoachClinical = 15;
inline constexpr Purpose kEngagement = 16;
inline constexpr Purpose kCoachAttrition = 17;
inline constexpr Purpose kCareExit = 18;
inline constexpr Purpose kStudyFollowup = 19;
inline constexpr Purpose kCoachProviderVisit = 20;
// Initialization, appended
inline constexpr Purpose kReciprocalPeer = 30;
inline constexpr Purpose kMentor = 31;
// Weekly phases, appended
inline constexpr Purpose kGraduation = 32;

}  // namespace coachsim::purpose
