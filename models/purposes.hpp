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
// Arms as programs and open programs (step = 0, or the week)
inline constexpr Purpose kReciprocalPeer = 30;  // a reciprocal peer's coaching style
inline constexpr Purpose kMentor = 31;          // a graduate mentor's coaching style
inline constexpr Purpose kGraduation = 32;      // whether a graduate becomes a mentor
// Trial design and selection (step = 0, or the screening measurement's number)
inline constexpr Purpose kRepeatScreening = 40;     // measurements after the first: innovation, then error
inline constexpr Purpose kUptake = 41;              // whether a patient of a coached arm takes the program up
inline constexpr Purpose kClinic = 42;              // per clinic: allocation order, HbA1c shift, inertia
inline constexpr Purpose kPatientRaceEthnicity = 43;
inline constexpr Purpose kCoachRaceEthnicity = 44;
inline constexpr Purpose kCoachHistory = 45;        // a coach candidate's former HbA1c

}  // namespace coachsim::purpose
