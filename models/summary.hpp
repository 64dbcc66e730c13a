#pragma once
// The trial-style summary across replicates: for each statistic its mean over replicates and
// the 2.5-97.5 percentile interval (the spread a trial of this size would show), plus the
// economic and long-term projections of the brief.
#include <array>
#include <string>
#include <vector>

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

struct Projection {
  double death = 0, microvascular = 0, myocardial_infarction = 0;  // events averted per 1,000 patients
};

struct RunSummary {
  std::vector<ArmStats> arms;
  bool has_contrast = false;  // a coached and an uncoached arm exist
  std::size_t treated = 0, reference = 0;
  StatisticIntervals overall;  // the contrast (NaN without one) and program statistics
  double cost_per_point = 0;         // USD per 1-point HbA1c reduction per patient (NaN if no effect)
  double cost_per_patient_to_goal = 0;  // USD per extra patient below 7.5% at follow-up (NaN if none)
  Projection averted;  // along the simulated ITT difference path (docs/model.md §7.11)
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
