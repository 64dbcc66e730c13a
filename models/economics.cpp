#include "models/economics.hpp"

#include <algorithm>
#include <cmath>

#include "models/mechanisms/mechanisms.hpp"

namespace coachsim {
namespace {

constexpr double kWeeksPerYear = 52.0;

// The arm's HbA1c at week w + 1 of the horizon: simulated within the run (the last known value
// where no one was alive), beyond it usual care's last value plus the arm's last difference,
// halving every durability.waning_half_life_weeks.
struct Path {
  std::vector<double> simulated;  // weeks 1..W
  double usual_end = 0, difference_end = 0;
  double half_life = 1;
  double at(std::size_t w) const {
    if (w < simulated.size()) return simulated[w];
    const double weeks_since = static_cast<double>(w + 1 - simulated.size());
    return usual_end + difference_end * std::exp2(-weeks_since / half_life);
  }
};

std::vector<double> filled(const std::vector<double>& hba1c) {
  std::vector<double> out;
  double last = std::nan("");
  for (std::size_t w = 1; w < hba1c.size(); ++w) {
    if (!std::isnan(hba1c[w])) last = hba1c[w];
    out.push_back(last);
  }
  // Leading NaN (no one alive from the start) take the first known value, or the enrolment value.
  double first = hba1c.empty() ? std::nan("") : hba1c[0];
  for (double v : out) {
    if (!std::isnan(v)) {
      first = std::isnan(first) ? v : first;
      break;
    }
  }
  for (double& v : out) {
    if (!std::isnan(v)) break;
    v = first;
  }
  return out;
}

double last_of(const std::vector<double>& path, double fallback) {
  return path.empty() || std::isnan(path.back()) ? fallback : path.back();
}

}  // namespace

std::size_t horizon_years(const ModelParams& p) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(p.outcomes.horizon_years - 1e-9)));
}

std::size_t run_years(const ModelParams& p) {
  return std::max<std::size_t>(1, (static_cast<std::size_t>(p.run.weeks) + 51) / 52);
}

double discount_factor(double rate, std::size_t year) { return std::pow(1.0 + rate, -static_cast<double>(year)); }

double discounted_sum(const std::vector<double>& by_year, double rate) {
  double total = 0;
  for (std::size_t y = 0; y < by_year.size(); ++y) total += by_year[y] * discount_factor(rate, y);
  return total;
}

ArmProjection project_arm(const ModelParams& p, const ArmTrajectory& arm, const ArmTrajectory& usual) {
  const std::size_t years = horizon_years(p);
  const auto horizon_weeks = static_cast<std::size_t>(std::lround(p.outcomes.horizon_years * kWeeksPerYear));
  ArmProjection out;
  for (auto& c : out.cost) c.assign(years, 0.0);
  out.life_years.assign(years, 0.0);
  out.qalys.assign(years, 0.0);

  // Costs booked during the run (per enrolled patient), in the years they fell; a horizon shorter
  // than the run still counts the whole run (the ledger's later years fold into the last).
  for (std::size_t y = 0; y < arm.booked.size(); ++y) {
    for (std::size_t c = 0; c < kCostCategoryCount; ++c) out.cost[c][std::min(y, years - 1)] += arm.booked[y][c];
  }

  Path path;
  path.simulated = filled(arm.hba1c);
  const std::vector<double> usual_path = filled(usual.hba1c);
  const double enrolment = arm.hba1c.empty() ? p.outcomes.reference_hba1c : arm.hba1c[0];
  path.usual_end = last_of(usual_path, enrolment);
  path.difference_end = last_of(path.simulated, path.usual_end) - path.usual_end;
  path.half_life = p.durability.waning_half_life_weeks;
  const double usual_steps = usual.added_steps_end;
  const double step_difference = arm.added_steps_end - usual_steps;
  const std::size_t run_weeks = path.simulated.size();

  // Expected survival S and, per complication, the share alive and still free of it.
  double alive = 1.0;
  std::array<double, kComplicationCount> free{};
  free.fill(1.0);
  const auto& o = p.outcomes;
  for (std::size_t w = 0; w < horizon_weeks; ++w) {
    const std::size_t year = std::min(w / 52, years - 1);
    const double h = path.at(w);
    const double age = p.population.age_mean + static_cast<double>(w) / kWeeksPerYear;
    double utility = alive * o.utility_no_complications;
    double complication_cost = 0;
    for (std::size_t c = 0; c < kComplicationCount; ++c) {
      const ComplicationInfo& info = kComplications[c];
      const double annual_rate = o.*info.rate / 1000.0 * std::pow(1.0 - o.*info.rrr, -(h - o.reference_hba1c));
      const double first = free[c] * -std::expm1(-annual_rate / kWeeksPerYear);
      const double living_with = alive - free[c];
      out.events[c] += first;
      complication_cost += first * p.costs.*info.event + living_with * p.costs.*info.annual / kWeeksPerYear;
      utility -= living_with * o.*info.utility;
      free[c] -= first;
    }
    out.cost[kCostComplications][year] += complication_cost;
    out.life_years[year] += alive / kWeeksPerYear;
    out.qalys[year] += std::max(0.0, utility) / kWeeksPerYear;
    if (w >= run_weeks) {
      // Added therapy beyond the run: usual care's level, plus the arm's difference waning like its HbA1c.
      const double weeks_since = static_cast<double>(w + 1 - run_weeks);
      const double steps = usual_steps + step_difference * std::exp2(-weeks_since / path.half_life);
      out.cost[kCostAddedTherapy][year] += alive * std::max(0.0, steps) * p.costs.therapy_step_per_year / kWeeksPerYear;
    }
    const double death = mechanisms::weekly_from_annual(mechanisms::annual_mortality(p.care, age, h));
    alive *= 1.0 - death;
    for (double& f : free) f *= 1.0 - death;
  }

  const double rate = p.economics.discount_rate;
  for (std::size_t c = 0; c < kCostCategoryCount; ++c) {
    out.cost_discounted[c] = discounted_sum(out.cost[c], rate);
    out.cost_total += out.cost_discounted[c];
    for (double v : out.cost[c]) out.cost_total_undiscounted += v;
  }
  out.life_years_discounted = discounted_sum(out.life_years, rate);
  out.qalys_discounted = discounted_sum(out.qalys, rate);
  return out;
}

}  // namespace coachsim
