#pragma once
// The compare results file (docs/output.md, "Compare results"): every output of a single run with a
// leading `design` dimension, the design names, titles and resolved scenarios, and each compared
// statistic per design and replicate (kCompareColumns), so paired differences can be recomputed.
#include <filesystem>
#include <vector>

#include "app/compare/comparison.hpp"
#include "app/results_file.hpp"
#include "models/params.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {

inline constexpr const char* kCompareConventions = "coachsim-compare-1";

// `runs[d]` are design d's replicates; `params` the first design's parameters (arms, weeks).
void write_comparison(const sim::io::GroupWriter& root, const Comparison& comparison, const ModelParams& params,
                      const std::vector<std::vector<ReplicateResult>>& runs, const RunContext& context);

// The comparison stored in a compare file (for `coachsim inspect`).
Comparison read_comparison(const std::filesystem::path& path);

}  // namespace coachsim::app
