#pragma once
// Probabilistic sensitivity analysis (`coachsim psa`): a sweep whose points are draws of every
// parameter with an uncertainty declared beside it in the schema (models/schema.cpp), around the
// scenario's values, each point run on the same replicates (common random numbers). It is an
// ordinary sweep file, so it runs on threads, MPI ranks or Slurm shards and resumes like any
// sweep; the report reads the sweep results file.
#include <array>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "app/scenario_input.hpp"

namespace coachsim::app {

struct PsaDesign {
  std::uint64_t draws = 0, replicates = 0;
  double scale = 1;  // multiplies every declared SD (0: every draw is the scenario itself)
};

// The sweep file of a PSA of `scenario` (read from `scenario_file`), to be written at `sweep_file`.
std::string psa_sweep_text(const Scenario& scenario, const std::filesystem::path& scenario_file,
                           const std::filesystem::path& sweep_file, const PsaDesign& design);

// One quantity across draws: mean and 2.5-97.5 percentiles of the draws' means, and its spread split
// into parameter uncertainty and the Monte Carlo error of a draw's mean over its replicates.
struct PsaQuantity {
  double mean = 0, lo = 0, hi = 0;
  double sd_parameters = 0, sd_monte_carlo = 0;
};

struct PsaReport {
  std::string arm;  // the coached arm, against its patients under usual care
  std::size_t draws = 0, replicates = 0, parameters = 0;
  PsaQuantity incremental_cost, incremental_qalys;
  std::vector<double> draw_cost, draw_qalys;  // each draw's mean over its replicates
  std::string verdict;                        // as in the run summary (models/summary.hpp)
  PsaQuantity icer;                           // mean cost / mean QALYs; the draws' ratios' percentiles
  std::vector<std::array<double, 2>> acceptability;  // (wtp, probability a draw is cost-effective)
  std::array<double, 3> wtp{};
  std::array<PsaQuantity, 3> net_monetary_benefit;
};

// Reads a PSA's (or any sweep's) results file; `wtp` are the thresholds reported in full.
PsaReport read_psa(const std::filesystem::path& results, const std::array<double, 3>& wtp);
// The probability at `wtp` from the acceptability curve's draws.
double probability_cost_effective(const PsaReport& report, double wtp);
void print_psa(std::ostream& out, const PsaReport& report, const ModelParams& params);
std::string psa_json(const PsaReport& report);

}  // namespace coachsim::app
