#pragma once
// Health economics of a replicate: costs in full by category and year, and long-term health along
// the simulated HbA1c path (docs/model.md, economics).
//
// Each arm is compared with its own patients under usual care: the same scenario and replicate
// run again with every arm uncoached (common random numbers: the same people and draws), so the
// incremental costs and QALYs of an arm are those of coaching alone, and exactly zero when
// coaching changes nothing. Life-years, QALYs and complications come from expected survival and
// expected first events, integrated week by week along each arm's mean true HbA1c path with the
// risk equations (UKPDS 35 gradients, the care.* mortality model) -- never from simulated deaths.
// Beyond the simulated weeks an arm's difference from usual care (HbA1c and added therapy) wanes
// at durability.waning_half_life_weeks, and usual care holds its last simulated level.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/params.hpp"

namespace coachsim {

// Where a dollar goes. Program categories are booked to coached arms only; the others to every arm.
enum CostCategory : std::size_t {
  kCostRecruitment, kCostTraining, kCostCoachPay, kCostStipends, kCostSupervision, kCostOverhead,
  kCostProviderVisits, kCostProviderRequests, kCostAddedTherapy, kCostComplications, kCostCategoryCount
};

struct CostCategoryInfo {
  CostCategory id;
  const char* name;  // output suffix and JSON key
  const char* label;  // row of the printed breakdown
  bool program;       // part of the program's own budget (cost_cumulative, cost_per_patient)
};

inline constexpr CostCategoryInfo kCostCategories[] = {
    {kCostRecruitment, "recruitment", "recruitment and screening", true},
    {kCostTraining, "training", "training (hours x trainees)", true},
    {kCostCoachPay, "coach_pay", "coach pay", true},
    {kCostStipends, "stipends", "stipends", true},
    {kCostSupervision, "supervision", "supervision", true},
    {kCostOverhead, "overhead", "overhead", true},
    {kCostProviderVisits, "provider_visits", "provider visits", false},
    {kCostProviderRequests, "provider_requests", "coach-raised requests", false},
    {kCostAddedTherapy, "added_therapy", "added therapy (drugs)", false},
    {kCostComplications, "complications", "complications", false},
};
static_assert(std::size(kCostCategories) == kCostCategoryCount);

// The complications followed, each with its keys (models/schema.cpp declares them).
struct ComplicationInfo {
  const char* name;
  const char* label;
  double OutcomeParams::*rate;     // first events per 1,000 patient-years at outcomes.reference_hba1c
  double OutcomeParams::*rrr;      // relative risk reduction per point lower HbA1c
  double OutcomeParams::*utility;  // utility decrement while living with it
  double CostParams::*event;       // cost in the year of the event
  double CostParams::*annual;      // cost of each later year
};

inline constexpr ComplicationInfo kComplications[] = {
    {"mi", "myocardial infarction", &OutcomeParams::mi_rate, &OutcomeParams::mi_rrr, &OutcomeParams::mi_utility,
     &CostParams::mi_event, &CostParams::mi_annual},
    {"stroke", "stroke", &OutcomeParams::stroke_rate, &OutcomeParams::stroke_rrr, &OutcomeParams::stroke_utility,
     &CostParams::stroke_event, &CostParams::stroke_annual},
    {"heart_failure", "heart failure", &OutcomeParams::heart_failure_rate, &OutcomeParams::heart_failure_rrr,
     &OutcomeParams::heart_failure_utility, &CostParams::heart_failure_event, &CostParams::heart_failure_annual},
    {"amputation", "amputation", &OutcomeParams::amputation_rate, &OutcomeParams::amputation_rrr,
     &OutcomeParams::amputation_utility, &CostParams::amputation_event, &CostParams::amputation_annual},
    {"blindness", "blindness", &OutcomeParams::blindness_rate, &OutcomeParams::blindness_rrr,
     &OutcomeParams::blindness_utility, &CostParams::blindness_event, &CostParams::blindness_annual},
    {"renal_failure", "renal failure", &OutcomeParams::renal_failure_rate, &OutcomeParams::renal_failure_rrr,
     &OutcomeParams::renal_failure_utility, &CostParams::renal_failure_event, &CostParams::renal_failure_annual},
};
inline constexpr std::size_t kComplicationCount = std::size(kComplications);

// Whole years of the projection (at least one) and of the simulated run.
std::size_t horizon_years(const ModelParams& params);
std::size_t run_years(const ModelParams& params);
// (1 + rate)^-year.
double discount_factor(double rate, std::size_t year);

// Costs booked during the simulated weeks, per arm, category and year of the run (USD, undiscounted).
class CostLedger {
 public:
  CostLedger() = default;
  CostLedger(std::size_t arms, std::size_t years) : years_(years), booked_(arms * kCostCategoryCount * years, 0.0) {}
  void book(std::size_t arm, CostCategory category, std::uint32_t week, double amount) {
    const std::size_t year = std::min<std::size_t>(week / 52, years_ - 1);
    booked_[(arm * kCostCategoryCount + category) * years_ + year] += amount;
  }
  double at(std::size_t arm, CostCategory category, std::size_t year) const {
    return booked_[(arm * kCostCategoryCount + category) * years_ + year];
  }
  std::size_t years() const { return years_; }
  bool empty() const { return booked_.empty(); }

 private:
  std::size_t years_ = 0;
  std::vector<double> booked_;
};

// One arm's projection over the horizon, per patient enrolled (undiscounted, by year).
struct ArmProjection {
  std::array<std::vector<double>, kCostCategoryCount> cost;  // [category][year], USD
  std::vector<double> life_years, qalys;                     // [year]
  std::array<double, kComplicationCount> events{};           // expected first events per patient
  // discounted totals over the horizon
  std::array<double, kCostCategoryCount> cost_discounted{};
  double cost_total = 0, cost_total_undiscounted = 0, life_years_discounted = 0, qalys_discounted = 0;
};

// What one arm's projection reads from a replicate.
struct ArmTrajectory {
  std::vector<double> hba1c;  // mean true HbA1c at weeks 0..W (NaN where no one is alive)
  double added_steps_end = 0; // mean therapy steps added since enrolment at week W
  double enrolled = 0;
  std::vector<std::array<double, kCostCategoryCount>> booked;  // [year of the run]: ledger / enrolled
};

// Projects `arm` over the horizon; beyond the run its difference from `usual_care` (the same
// patients uncoached) wanes at the durability half-life, and usual care holds its last level.
ArmProjection project_arm(const ModelParams& params, const ArmTrajectory& arm, const ArmTrajectory& usual_care);

// Discounts by-year values: sum over years of value[year] * (1 + rate)^-year.
double discounted_sum(const std::vector<double>& by_year, double rate);

}  // namespace coachsim
