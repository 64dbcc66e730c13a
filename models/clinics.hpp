#pragma once
// Clinics: what varies between them, and the allocation of whole clinics to arms (cluster
// randomization). A clinic's draws are one keyed block, (seed, purpose::kClinic, clinic, 0): word 0
// orders the clinics for allocation, word 1 shifts its patients' HbA1c set level, word 2 sets how
// readily its providers intensify therapy; so none moves when another is switched on.
#include <cstdint>
#include <vector>

#include "models/params.hpp"

namespace coachsim {

// How many clinics each arm receives under clinic randomization: arm a gets the clinics ranked
// round(C x cumulative share before a) to round(C x cumulative share up to a) - 1, so every arm
// gets round(share x C) clinics to within one and the counts sum to C.
std::vector<std::uint32_t> clinics_per_arm(const std::vector<ArmParams>& arms, std::uint32_t clinics);

// The arm of each clinic under clinic randomization (a restricted allocation): clinics are ranked by
// their keyed draw and dealt to the arms in the counts of clinics_per_arm.
std::vector<std::uint8_t> allocate_clinics(const ModelParams& params, std::uint64_t seed);

// Shift of the HbA1c set level of a clinic's patients, %: Normal(0, population.between_clinic_sd).
double clinic_hba1c_shift(const ModelParams& params, std::uint64_t seed, std::uint32_t clinic);

// The chance that a clinic's provider intensifies therapy at a visit with poor control: the
// log-odds of providers.intensification_probability shifted by Normal(0,
// providers.between_clinic_intensification_sd); exactly the common probability when that SD is 0.
double clinic_intensification_probability(const ModelParams& params, std::uint64_t seed,
                                          std::uint32_t clinic);

}  // namespace coachsim
