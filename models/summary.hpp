#pragma once
// The trial-style summary across replicates: for each statistic its mean over replicates and
// the 2.5-97.5 percentile interval (the spread a trial of this size would show), plus the
// economic and long-term projections of the brief.
#include <array>
#include <string>
#include <vector>

#include "models/economics.hpp"
#include "models/outputs.hpp"
#include "models/statistics.hpp"
#include "models/params.hpp"
#include "models/summary_input.hpp"

namespace coachsim {

struct Interval {
  double mean = 0, lo = 0, hi = 0;
  std::size_t replicates = 0;  // how many replicates gave a value
  bool estimable = true;       // false when fewer than the minimum did: report a note, not a number
};

// Mean and 2.5-97.5 percentile interval over the replicates that gave a value (NaN values are
// left out); not estimable, with NaN values, when fewer than `min_replicates` did.
Interval across_replicates(std::vector<double> values, std::size_t min_replicates = 1);

// Every statistic of models/statistics.hpp across replicates; statistics of another scope are NaN.
using StatisticIntervals = std::array<Interval, kStatisticCount>;

struct ArmStats {
  std::string name;
  bool coaching = false;
  StatisticIntervals stat;  // the arm statistics
  // The 95% confidence interval a single trial would report (mean +- 1.96 SD / sqrt(completers)),
  // averaged over replicates.
  Interval change_within_trial;
  const Interval& operator[](Statistic s) const { return stat[static_cast<std::size_t>(s)]; }
  Interval& operator[](Statistic s) { return stat[static_cast<std::size_t>(s)]; }
};

// A coached arm against its own patients under usual care (docs/model.md, economics).
enum class Verdict : std::uint8_t {
  Ratio,         // more QALYs (interval above zero) at a cost: an ICER
  Dominant,      // more QALYs and less cost (both intervals clear of zero)
  CostSaving,    // more QALYs; less cost on average, the cost interval spanning zero: a negative ICER
  Dominated,     // fewer QALYs and more cost
  SavesAtLoss,   // fewer QALYs and less cost: USD saved per QALY lost
  NotEstimable,  // the QALY interval touches or spans zero: no ratio
};
const char* verdict_name(Verdict verdict);

inline constexpr std::size_t kWtpThresholds = 3;

struct Interval;
// The verdict of incremental cost and QALY intervals (docs/model.md, economics).
Verdict verdict_of(const Interval& cost, const Interval& qalys);

struct CostEffectiveness {
  std::size_t arm = 0;
  Verdict verdict = Verdict::NotEstimable;
  // USD per QALY: mean incremental cost / mean incremental QALYs, with the 2.5-97.5 percentiles of
  // the replicates' ratios (Ratio, CostSaving and SavesAtLoss only; NaN otherwise).
  Interval icer;
  std::array<double, kWtpThresholds> wtp{};
  std::array<Interval, kWtpThresholds> net_monetary_benefit;  // wtp x incremental QALYs - incremental cost
  std::array<double, kWtpThresholds> probability_cost_effective{};  // share of replicates with a positive NMB
  std::array<double, kComplicationCount> events_averted_per_1000{};  // expected first events, over the horizon
};

// Per arm, means over replicates of the projection by year (undiscounted), and of the same
// patients under usual care.
struct EconomicsByYear {
  std::vector<ArmProjection> arms, usual_care;
};

struct RunSummary {
  std::vector<ArmStats> arms;
  bool has_contrast = false;  // a coached and an uncoached arm exist
  std::size_t treated = 0, reference = 0;
  StatisticIntervals overall;  // the contrast (NaN without one) and program statistics
  double cost_per_point = 0;  // program USD per patient per point of ITT HbA1c reduction (NaN unless clearly < 0)
  double cost_per_patient_to_goal = 0;  // USD per extra patient below 7.5% at follow-up (NaN if none)
  std::vector<CostEffectiveness> cost_effectiveness;  // one per coached arm
  EconomicsByYear by_year;
  std::size_t replicates = 0, min_replicates = 1;

  const Interval& operator[](Statistic s) const { return overall[static_cast<std::size_t>(s)]; }
  Interval& operator[](Statistic s) { return overall[static_cast<std::size_t>(s)]; }
  // Any statistic: arm statistics of the arm named `arm` (NaN if there is none), others of the run.
  Interval of(Statistic statistic, const std::string& arm) const;
};

// A statistic's value in each replicate, at `site` (NaN for failed runs passed as nullptr).
Interval across_replicates(const StatisticInfo& statistic, const std::vector<const ReplicateResult*>& replicates,
                           StatisticSite site, std::size_t min_replicates = 1);

// The summary of replicates gathered one at a time (a run streaming its replicates to a file)...
RunSummary summarize(const ModelParams& params, const SummaryInput& replicates);
// ... or all at hand.
RunSummary summarize(const ModelParams& params, const std::vector<ReplicateResult>& replicates);

}  // namespace coachsim
