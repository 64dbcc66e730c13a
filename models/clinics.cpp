#include "models/clinics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/purposes.hpp"
#include "sim/random/stream_key.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {
namespace {

enum ClinicWord : std::size_t { kAllocationOrder = 0, kHba1cShift = 1, kInertia = 2 };

std::uint32_t clinic_word(std::uint64_t seed, std::uint32_t clinic, ClinicWord word) {
  return sim::random::stream_block({seed, purpose::kClinic, clinic, 0})[word];
}

}  // namespace

std::vector<std::uint32_t> clinics_per_arm(const std::vector<ArmParams>& arms, std::uint32_t clinics) {
  std::vector<std::uint32_t> counts;
  double cumulative = 0;
  long dealt = 0;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    cumulative += arms[a].share;
    const long upto = a + 1 == arms.size() ? static_cast<long>(clinics) : std::lround(clinics * cumulative);
    const long end = std::clamp(upto, dealt, static_cast<long>(clinics));
    counts.push_back(static_cast<std::uint32_t>(end - dealt));
    dealt = end;
  }
  return counts;
}

std::vector<std::uint8_t> allocate_clinics(const ModelParams& p, std::uint64_t seed) {
  const std::uint32_t clinics = p.population.clinics;
  std::vector<std::uint32_t> ranked(clinics);
  std::iota(ranked.begin(), ranked.end(), 0u);
  // By the keyed draw, clinic index breaking (improbable) ties: a random permutation of the clinics.
  std::sort(ranked.begin(), ranked.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::uint32_t wa = clinic_word(seed, a, kAllocationOrder),
                        wb = clinic_word(seed, b, kAllocationOrder);
    return wa != wb ? wa < wb : a < b;
  });
  std::vector<std::uint8_t> arm_of(clinics, 0);
  std::size_t rank = 0;
  const auto counts = clinics_per_arm(p.arms, clinics);
  for (std::size_t a = 0; a < counts.size(); ++a) {
    for (std::uint32_t k = 0; k < counts[a]; ++k) arm_of[ranked[rank++]] = static_cast<std::uint8_t>(a);
  }
  return arm_of;
}

double clinic_hba1c_shift(const ModelParams& p, std::uint64_t seed, std::uint32_t clinic) {
  const double sd = p.population.between_clinic_sd;
  return sd > 0 ? sd * sim::random::to_standard_normal(clinic_word(seed, clinic, kHba1cShift)) : 0.0;
}

double clinic_intensification_probability(const ModelParams& p, std::uint64_t seed, std::uint32_t clinic) {
  const double common = p.providers.intensification_probability;
  const double sd = p.providers.between_clinic_intensification_sd;
  if (sd <= 0 || common <= 0 || common >= 1) return common;
  const double log_odds = std::log(common / (1 - common)) +
                          sd * sim::random::to_standard_normal(clinic_word(seed, clinic, kInertia));
  return 1 / (1 + std::exp(-log_odds));
}

}  // namespace coachsim
