// Clinical care and its exits. Everyone alive stays in care; moving away from the clinic
// population and death are the only exits (dropping out of the program or of the study's
// follow-up is not one). A mover is cared for elsewhere: their HbA1c goes on, but the clinic, the
// program and the study lose them. Weekly hazards from annual rates:
//   death  q = mortality_at_55 * exp(slope * (age - 55)) * diabetes_ratio * (1 - rrr)^-(HbA1c - reference)
//   move   m = moves_per_year
//   weekly = 1 - (1 - annual)^(1/52)
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

#include "models/mechanisms/mechanisms.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {

namespace {

// Annual mortality on the log scale, its constants taken once: one exp per patient-week instead of an
// exp and a pow.
struct LogMortality {
  double at_55, age_slope, per_point, reference_hba1c;
  explicit LogMortality(const CareParams& c)
      : at_55(std::log(c.mortality_at_55 * c.diabetes_mortality_ratio)),
        age_slope(c.mortality_age_slope),
        per_point(-std::log1p(-c.mortality_rrr_per_point)),
        reference_hba1c(c.mortality_reference_hba1c) {}
  double log_annual(double age, double hba1c) const {
    return at_55 + age_slope * (age - 55.0) + per_point * (hba1c - reference_hba1c);
  }
  double annual(double age, double hba1c) const { return std::min(1.0, std::exp(log_annual(age, hba1c))); }
};

}  // namespace

double weekly_mortality_bound(double log_annual) {
  // exp(L) = 2^x <= 2^n with n = ceil(x) + 1 (a factor of at least 2 to spare, which also covers the
  // rounding of the exact path), and 1 - (1 - a)^(1/52) <= -ln(1 - a) / 52 <= a / (52 (1 - a)).
  const double x = std::max(log_annual * std::numbers::log2e, -1000.0);
  if (x >= -2.0) return 1.0;              // a bound of a half or more a year: no use
  const int n = static_cast<int>(x) + 1;  // truncation is ceil for negative x
  const double a = std::bit_cast<double>(static_cast<std::uint64_t>(1023 + n) << 52);  // 2^n
  return a / (52.0 * (1.0 - a));
}

double annual_mortality(const CareParams& c, double age, double hba1c) {
  return LogMortality(c).annual(age, hba1c);
}

double weekly_from_annual(double annual) { return annual >= 1.0 ? 1.0 : -std::expm1(std::log1p(-annual) / 52.0); }

void care_exits(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.p().care;
  const double move = weekly_from_annual(c.moves_per_year);
  const LogMortality mortality(c);
  auto living = [&pts](std::size_t i) { return pts.care(i) != Care::Died; };
  auto key = [&](std::size_t i) {
    return sim::random::StreamKey{w.seed, purpose::kCareExit, pts.id[i], ctx.step};
  };
  // In stages over a tile: first, for everyone, whether anything can happen this week -- the death
  // draw below the cheap upper bound of the weekly hazard (the exact hazard takes three transcendental
  // calls; a draw at or above the bound survives whatever it is), or a move -- without a branch; then,
  // for those few, the exact outcome. The same outcome for every draw as deciding one at a time.
  constexpr std::uint8_t kBelowBound = 1, kMoves = 2;
  std::array<std::uint8_t, sim::kSelectionTile> may;
  std::array<std::uint16_t, sim::kSelectionTile> candidates;
  auto age_and_hba1c = [&](std::size_t i) {
    return std::pair<double, double>{pts.people.age[i] + ctx.step / 52.0, pts.people.hba1c_true[i]};
  };
  sim::for_each_selected_tile_with_blocks(
      r, living, key, [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = first + offsets[k];
          const auto [age, hba1c] = age_and_hba1c(i);
          const bool below_bound = sim::random::to_open_unit(blocks[k][0]) <
                                   weekly_mortality_bound(mortality.log_annual(age, hba1c));
          const bool in_clinic = pts.care(i) == Care::InClinic;
          const bool move_drawn = sim::random::bernoulli(blocks[k][1], move);
          const bool moves = in_clinic & move_drawn;
          may[k] = static_cast<std::uint8_t>((below_bound ? kBelowBound : 0) | (moves ? kMoves : 0));
        }
        const std::size_t m = sim::select_in_tile(
            n, [&](std::size_t k) { return may[k] != 0; }, candidates);
        for (std::size_t j = 0; j < m; ++j) {
          const std::size_t k = candidates[j], i = first + offsets[k];
          const auto [age, hba1c] = age_and_hba1c(i);
          Care next = Care::Moved;
          if ((may[k] & kBelowBound) != 0 &&
              sim::random::bernoulli(blocks[k][0], weekly_from_annual(mortality.annual(age, hba1c)))) {
            next = Care::Died;
          } else if ((may[k] & kMoves) == 0) {
            continue;  // below the bound, and survives the exact hazard
          }
          pts.set_care(i, next);
          pts.set_flag(i, PatientFlag::Followed, false);
          pts.set_engagement(i, Engagement::Dropped);
          pts.set_flag(i, PatientFlag::RequestPending, false);
        }
      });
}

}  // namespace coachsim::mechanisms
