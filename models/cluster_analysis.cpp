#include "models/cluster_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace coachsim {
namespace {

struct Sums {
  double n = 0, sum = 0, sum_sq = 0;
  void add(double x) { n += 1, sum += x, sum_sq += x * x; }
  double mean() const { return sum / n; }
  double variance() const { return (sum_sq - sum * sum / n) / (n - 1); }  // sample variance
};

}  // namespace

ClusterAnalysis analyse_clusters(const World& w, std::size_t treated, std::size_t reference) {
  const double nan = std::nan("");
  const auto& pts = w.patients;
  const std::size_t arms = w.arm_coached.size(), clinics = w.p().population.clinics;
  std::vector<Sums> arm(arms), cell(arms * clinics);  // cell: a clinic within an arm
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!w.alive(i)) continue;
    const double change = pts.people.hba1c_measured[i] - pts.baseline_measured[i];
    arm[pts.arm[i]].add(change);
    cell[pts.arm[i] * clinics + pts.clinic[i]].add(change);
  }
  // One-way ANOVA with clusters nested in arms: sums of squares between clusters within arms and
  // within clusters, and n0, the effective cluster size for unequal clusters.
  double patients = 0, clusters = 0, arms_with_patients = 0, between = 0, within = 0, size_sq_over_arm = 0;
  for (std::size_t a = 0; a < arms; ++a) {
    if (arm[a].n == 0) continue;
    arms_with_patients += 1;
    patients += arm[a].n;
    between -= arm[a].sum * arm[a].sum / arm[a].n;
    for (std::size_t c = 0; c < clinics; ++c) {
      const Sums& s = cell[a * clinics + c];
      if (s.n == 0) continue;
      clusters += 1;
      between += s.sum * s.sum / s.n;
      within += s.sum_sq - s.sum * s.sum / s.n;
      size_sq_over_arm += s.n * s.n / arm[a].n;
    }
  }
  ClusterAnalysis result{nan, clusters > 0 ? patients / clusters : nan, nan, nan, nan};
  const double df_between = clusters - arms_with_patients, df_within = patients - clusters;
  if (df_between <= 0 || df_within <= 0) return result;
  const double ms_between = between / df_between, ms_within = within / df_within;
  const double n0 = (patients - size_sq_over_arm) / df_between;
  result.icc = (ms_between - ms_within) / (ms_between + (n0 - 1) * ms_within);
  result.design_effect = 1 + (result.mean_cluster_size - 1) * std::max(0.0, result.icc);
  const Sums &t = arm[treated], &r = arm[reference];
  if (treated == reference || t.n < 2 || r.n < 2) return result;
  const double difference = t.mean() - r.mean();
  const double half_width =
      1.96 * std::sqrt((t.variance() / t.n + r.variance() / r.n) * result.design_effect);
  result.difference_lo = difference - half_width;
  result.difference_hi = difference + half_width;
  return result;
}

}  // namespace coachsim
