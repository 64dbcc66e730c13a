#pragma once
// What a cluster-randomized trial reports at follow-up (run.randomization = "clinic"): the
// intra-cluster correlation of the intention-to-treat change in measured HbA1c (one-way ANOVA
// estimator, clinics nested in arms), the mean cluster size, the design effect and the
// cluster-adjusted 95% interval of the arm difference (docs/model.md §5).
#include <cstddef>

#include "models/state.hpp"

namespace coachsim {

struct ClusterAnalysis {
  double icc;                           // ANOVA estimate; negative estimates are kept (noise around zero)
  double mean_cluster_size;             // patients alive at follow-up per clinic with any
  double design_effect;                 // 1 + (mean_cluster_size - 1) x max(0, icc)
  double difference_lo, difference_hi;  // treated - reference ITT change, +- 1.96 SE x sqrt(design effect)
};

// NaN where undefined (fewer clinics than arms plus one, or no treated and reference arm).
ClusterAnalysis analyse_clusters(const World& world, std::size_t treated, std::size_t reference);

}  // namespace coachsim
