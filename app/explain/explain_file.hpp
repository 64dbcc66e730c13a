#pragma once
// The explain results file (docs/model.md §7.13): the arm difference of every design
// per replicate, which pathways each design had on, and each pathway's part per replicate with its
// mean, interval and share, so the decomposition can be recomputed or taken further in Python.
#include "app/explain/decomposition.hpp"
#include "app/results_file.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {

inline constexpr const char* kExplainConventions = "coachsim-explain-1";

void write_decomposition(const sim::io::GroupWriter& root, const Decomposition& d, const std::string& scenario_toml,
                         const RunContext& context);

}  // namespace coachsim::app
