#pragma once
// Two-stage minimization of an expensive loss over a box: a global stage evaluates Sobol points
// spread over the box, then a local stage runs NLopt (BOBYQA or Nelder-Mead, derivative-free)
// from the best few of them. Every evaluation is recorded. The search itself draws no random
// numbers, so with a deterministic loss the whole result is reproducible.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sim::calibration {

enum class LocalAlgorithm { Bobyqa, NelderMead };

// "bobyqa", "neldermead"
std::string algorithm_name(LocalAlgorithm algorithm);

struct Box {
  std::vector<double> lower, upper;  // lower[i] < upper[i]
};

// Maps a point of the unit cube into the box coordinate by coordinate.
std::vector<double> scale_to_box(const std::vector<double>& unit, const std::vector<double>& lower,
                                 const std::vector<double>& upper);

struct SearchSettings {
  std::size_t global_points = 64;      // Sobol points over the box
  std::size_t local_starts = 2;        // local searches, from the best global points
  std::size_t local_evaluations = 50;  // NLopt evaluation budget per local search
  LocalAlgorithm algorithm = LocalAlgorithm::Bobyqa;
  double initial_step = 0.1;  // first local step, as a share of each box side
  double x_tolerance = 1e-4;  // local stop: step below this share of each box side
};

enum class Stage : std::uint8_t { Global = 0, Local = 1 };

struct Evaluation {
  Stage stage = Stage::Global;
  std::int64_t start = -1;  // the local search (0, 1, ...); -1 in the global stage
  std::vector<double> x;    // in the box
  double loss = 0;
  std::vector<double> outputs;  // whatever the objective reported (e.g. simulated statistics)
};

// The loss at x; it may also fill `outputs` (recorded with the evaluation).
using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& outputs)>;
// Called after every evaluation: the evaluation, the best so far, evaluations done, and the
// most evaluations the search can make in total. `best` is the same object as `latest` when the
// latest evaluation is the new best.
using Observer = std::function<void(const Evaluation& latest, const Evaluation& best, std::size_t done,
                                    std::size_t budget)>;

struct SearchResult {
  std::vector<Evaluation> evaluations;  // in the order they were made
  std::size_t best = 0;                 // index of the lowest loss (the first one on ties)
  const Evaluation& best_evaluation() const { return evaluations.at(best); }
};

// The most evaluations minimize() makes with these settings.
std::size_t evaluation_budget(const SearchSettings& settings);

// Throws std::invalid_argument for an empty or inverted box or zero global points; exceptions
// from the objective propagate unchanged.
SearchResult minimize(const Objective& objective, const Box& box, const SearchSettings& settings,
                      const Observer& observer = {});

}  // namespace sim::calibration
