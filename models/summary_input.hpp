#pragma once
// What the summary across replicates reads, gathered one replicate at a time so that a run never
// needs to hold its replicates: each replicate's value of every statistic (one column per
// statistic and site), the within-trial interval terms, and running sums of the weekly arm
// difference of mean true HbA1c (the projection's path). Columns are kept in blocks; full blocks
// go to a temporary file, column by column, and a column is read back on its own, so memory stays
// flat however many replicates there are.
#include <cstddef>
#include <cstdio>
#include <memory>
#include <vector>

#include "models/economics.hpp"
#include "models/outputs.hpp"
#include "models/params.hpp"
#include "models/statistics.hpp"

namespace coachsim {

class SummaryInput {
 public:
  explicit SummaryInput(const ModelParams& params);
  void add(const ReplicateResult& replicate);

  std::size_t replicates() const { return replicates_; }
  bool has_contrast() const { return has_contrast_; }
  std::size_t treated() const { return treated_; }
  std::size_t reference() const { return reference_; }
  // Every replicate's value of `statistic` (for arm statistics: in arm `arm`), in replicate order.
  std::vector<double> values(Statistic statistic, std::size_t arm = 0) const;
  // Every replicate's within-trial term of arm `arm`: 0 change, 1 lower and 2 upper 95% limit.
  std::vector<double> within_trial(std::size_t arm, std::size_t term) const;
  // Treated minus reference mean true HbA1c at weeks 1..W, mean over the replicates that had both.
  std::vector<double> difference_path() const;
  // Per arm, the mean over replicates of the economic projection by year (`usual_care`: of the
  // same patients under usual care); empty when no replicate carried one.
  std::vector<ArmProjection> mean_projection(bool usual_care) const;

 private:
  std::vector<double> column(std::size_t c) const;
  void spill();

  std::size_t arms_ = 0, arm_statistics_ = 0, columns_ = 0, replicates_ = 0;
  bool has_contrast_ = false;
  std::size_t treated_ = 0, reference_ = 0;
  std::vector<double> block_;  // up to kBlock rows of `columns_` values, row-major
  std::size_t spilled_blocks_ = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> spill_{nullptr, &std::fclose};
  std::vector<double> path_sum_, path_count_;
  std::vector<ArmProjection> projection_sum_, usual_care_sum_;
  double projections_ = 0;
};

}  // namespace coachsim
