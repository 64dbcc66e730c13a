#include "models/summary_input.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace coachsim {
namespace {

// Rows per block: 512 x a few hundred columns (statistics by arm, the economics) x 8 bytes, about 1 MB; the
// block is the only part that stays in memory, so it bounds how much a run holds whatever its length.
constexpr std::size_t kBlock = 512;
constexpr std::size_t kWithinTrialTerms = 3;

void add_to(ArmProjection& sum, const ArmProjection& x) {
  auto add_vector = [](std::vector<double>& to, const std::vector<double>& from) {
    to.resize(std::max(to.size(), from.size()), 0.0);
    for (std::size_t i = 0; i < from.size(); ++i) to[i] += from[i];
  };
  for (std::size_t c = 0; c < kCostCategoryCount; ++c) {
    add_vector(sum.cost[c], x.cost[c]);
    sum.cost_discounted[c] += x.cost_discounted[c];
  }
  add_vector(sum.life_years, x.life_years);
  add_vector(sum.qalys, x.qalys);
  for (std::size_t c = 0; c < kComplicationCount; ++c) sum.events[c] += x.events[c];
  sum.cost_total += x.cost_total;
  sum.cost_total_undiscounted += x.cost_total_undiscounted;
  sum.life_years_discounted += x.life_years_discounted;
  sum.qalys_discounted += x.qalys_discounted;
}

ArmProjection scaled(ArmProjection x, double factor) {
  for (std::size_t c = 0; c < kCostCategoryCount; ++c) {
    for (double& v : x.cost[c]) v *= factor;
    x.cost_discounted[c] *= factor;
  }
  for (double& v : x.life_years) v *= factor;
  for (double& v : x.qalys) v *= factor;
  for (double& v : x.events) v *= factor;
  x.cost_total *= factor;
  x.cost_total_undiscounted *= factor;
  x.life_years_discounted *= factor;
  x.qalys_discounted *= factor;
  return x;
}

}  // namespace

SummaryInput::SummaryInput(const ModelParams& params) : arms_(params.arms.size()) {
  for (const auto& statistic : kStatistics) arm_statistics_ += statistic.scope == Scope::Arm;
  // Row layout: per arm every arm statistic, then the within-trial terms of each arm, then every
  // contrast and program statistic (NaN when there is no contrast), in kStatistics order.
  columns_ = arms_ * arm_statistics_ + arms_ * kWithinTrialTerms + (std::size(kStatistics) - arm_statistics_);
  const auto treated = std::find_if(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return a.coached(); });
  const auto reference =
      std::find_if(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return !a.coached(); });
  has_contrast_ = treated != params.arms.end() && reference != params.arms.end();
  if (has_contrast_) {
    treated_ = static_cast<std::size_t>(treated - params.arms.begin());
    reference_ = static_cast<std::size_t>(reference - params.arms.begin());
  }
  block_.reserve(kBlock * columns_);
}

void SummaryInput::add(const ReplicateResult& r) {
  for (std::size_t a = 0; a < arms_; ++a) {
    for (const auto& statistic : kStatistics) {
      if (statistic.scope == Scope::Arm) block_.push_back(statistic.value(r, statistic, {a, 0}));
    }
  }
  for (std::size_t a = 0; a < arms_; ++a) {
    // The 95% confidence interval a single trial would report: mean +- 1.96 SD / sqrt(completers).
    const double completed = r.arm_summary[kCompleted][a], change = r.arm_summary[kChangeMean][a];
    const double sd = r.arm_summary[kChangeSd][a];
    const bool valid = !std::isnan(change) && !std::isnan(sd) && completed >= 2;
    const double half_width = valid ? 1.96 * sd / std::sqrt(completed) : 0.0;
    const double nan = std::nan("");
    block_.insert(block_.end(), {valid ? change : nan, valid ? change - half_width : nan,
                                 valid ? change + half_width : nan});
  }
  for (const auto& statistic : kStatistics) {
    if (statistic.scope == Scope::Arm) continue;
    const bool defined = statistic.scope == Scope::Program || has_contrast_;
    block_.push_back(defined ? statistic.value(r, statistic, {treated_, reference_}) : std::nan(""));
  }
  if (has_contrast_) {
    const std::size_t weeks = r.weeks;
    path_sum_.resize(std::max(path_sum_.size(), weeks), 0.0);
    path_count_.resize(path_sum_.size(), 0.0);
    const auto& mean = r.arm_week[kHba1cTrueMean];
    for (std::size_t w = 0; w < weeks && !mean.empty(); ++w) {
      const double d = mean[treated_ * weeks + w] - mean[reference_ * weeks + w];
      if (std::isnan(d)) continue;
      path_sum_[w] += d;
      path_count_[w] += 1;
    }
  }
  if (r.projection.size() == arms_ && r.usual_care.size() == arms_) {
    projection_sum_.resize(arms_);
    usual_care_sum_.resize(arms_);
    for (std::size_t a = 0; a < arms_; ++a) {
      add_to(projection_sum_[a], r.projection[a]);
      add_to(usual_care_sum_[a], r.usual_care[a]);
    }
    projections_ += 1;
  }
  ++replicates_;
  if (block_.size() == kBlock * columns_) spill();
}

void SummaryInput::spill() {
  if (!spill_) {
    spill_.reset(std::tmpfile());
    if (!spill_) throw std::runtime_error("cannot create a temporary file for the replicate summaries");
  }
  // Column-major, so that one column of a block is one contiguous read.
  std::vector<double> column(kBlock);
  for (std::size_t c = 0; c < columns_; ++c) {
    for (std::size_t row = 0; row < kBlock; ++row) column[row] = block_[row * columns_ + c];
    if (std::fwrite(column.data(), sizeof(double), kBlock, spill_.get()) != kBlock) {
      throw std::runtime_error("cannot write the replicate summaries to a temporary file (disk full?)");
    }
  }
  ++spilled_blocks_;
  block_.clear();
}

std::vector<double> SummaryInput::column(std::size_t c) const {
  std::vector<double> values(spilled_blocks_ * kBlock);
  for (std::size_t b = 0; b < spilled_blocks_; ++b) {
    const auto offset = static_cast<long>(((b * columns_ + c) * kBlock) * sizeof(double));
    if (std::fseek(spill_.get(), offset, SEEK_SET) != 0 ||
        std::fread(values.data() + b * kBlock, sizeof(double), kBlock, spill_.get()) != kBlock) {
      throw std::runtime_error("cannot read the replicate summaries back from their temporary file");
    }
  }
  for (std::size_t row = 0; row * columns_ < block_.size(); ++row) values.push_back(block_[row * columns_ + c]);
  return values;
}

std::vector<double> SummaryInput::values(Statistic statistic, std::size_t arm) const {
  // Its place among the statistics of its kind (arm, or contrast and program), in kStatistics order.
  const bool per_arm = statistic_info(statistic).scope == Scope::Arm;
  std::size_t place = 0;
  for (const auto& s : kStatistics) {
    if (s.id == statistic) break;
    place += (s.scope == Scope::Arm) == per_arm;
  }
  if (per_arm) return column(arm * arm_statistics_ + place);
  return column(arms_ * arm_statistics_ + arms_ * kWithinTrialTerms + place);
}

std::vector<double> SummaryInput::within_trial(std::size_t arm, std::size_t term) const {
  return column(arms_ * arm_statistics_ + arm * kWithinTrialTerms + term);
}

std::vector<ArmProjection> SummaryInput::mean_projection(bool usual_care) const {
  std::vector<ArmProjection> mean;
  for (const auto& sum : usual_care ? usual_care_sum_ : projection_sum_) mean.push_back(scaled(sum, 1.0 / projections_));
  return mean;
}

std::vector<double> SummaryInput::difference_path() const {
  std::vector<double> path;
  for (std::size_t w = 1; w < path_sum_.size(); ++w) {
    path.push_back(path_count_[w] > 0 ? path_sum_[w] / path_count_[w] : std::nan(""));
  }
  return path;
}

}  // namespace coachsim
