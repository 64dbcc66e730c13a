#pragma once
// The table `coachsim run --profile` prints: where the run's time went, phase by phase.
#include <cstdint>
#include <ostream>

#include "sim/engine/phase_profile.hpp"

namespace coachsim::app {

// `patient_weeks` is what the run simulated (patients x weeks x replicates): each line also gives its
// nanoseconds per patient-week, the unit the benchmarks use.
void print_profile(std::ostream& out, const sim::PhaseProfile& profile, double patient_weeks);

}  // namespace coachsim::app
