#pragma once
// The trial-style summary across replicates: for each statistic its mean over replicates and
// the 2.5-97.5 percentile interval (the spread a trial of this size would show), plus the
// economic and long-term projections of the brief.
#include <string>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"

namespace coachsim {

struct Interval {
  double mean = 0, lo = 0, hi = 0;
  std::size_t replicates = 0;  // how many replicates gave a value
  bool estimable = true;       // false when fewer than the minimum did: report the note, not a number
};

// Mean and 2.5-97.5 percentile interval over the replicates that gave a value; not estimable
// when fewer than `min_replicates` did.
Interval across_replicates(std::vector<double> values, std::size_t min_replicates = 1);

struct ArmStats {
  std::string name;
  bool coaching = false;
  Interval n_enrolled, n_completed, baseline_mean, change, change_sd, share_drop_ge1, share_below_7_5,
      share_below_7_5_baseline, retention, cost_per_patient, followup_true_mean;
  // Intention to treat: everyone randomized and alive at follow-up.
  Interval n_alive, itt_baseline_mean, itt_change, itt_change_true, itt_share_drop_ge1, itt_share_below_7_5;
  // The 95% confidence interval a single trial would report (mean +- 1.96 SD / sqrt(completers)),
  // averaged over replicates.
  Interval change_within_trial;
};

struct Projection {
  double death = 0, microvascular = 0, myocardial_infarction = 0;  // events averted per 1,000 patients
};

struct RunSummary {
  std::vector<ArmStats> arms;
  bool has_contrast = false;  // a coached and an uncoached arm exist
  std::size_t treated = 0, reference = 0;
  Interval difference;        // completers: change (treated) - change (reference), %-points
  Interval itt_difference, itt_difference_true;  // intention to treat, measured and true HbA1c
  Interval coaches_n, coaches_share_quit, coach_hba1c_change, coach_twin_hba1c_change;
  Interval coach_effect_hba1c, coach_effect_self_management;  // coach - uncoached twin
  double cost_per_point = 0;         // USD per 1-point HbA1c reduction per patient (NaN if no effect)
  double cost_per_patient_to_goal = 0;  // USD per extra patient below 7.5% at follow-up (NaN if none)
  Projection averted;  // along the simulated ITT difference path (docs/model.md, long-term outcomes)
};

RunSummary summarize(const ModelParams& params, const std::vector<ReplicateResult>& replicates);

}  // namespace coachsim
