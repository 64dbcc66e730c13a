#pragma once
// coachsim explain: how much of the arm difference each pathway of kPathways (models/pathways.hpp)
// carries. Designs switch pathways off (parameter overrides) and run on the same seed and replicates,
// so with common random numbers replicate r of every design has the same people and the same noise,
// and per replicate the parts are exact differences between designs.
//   Shapley:    every subset S of the pathways is a design; the part of pathway p is the mean over
//               orders of its marginal contribution, sum over S not holding p of
//               |S|! (n - |S| - 1)! / n! (v(S + p) - v(S)).  2^n designs.
//   sequential: pathways switched on one after another in the listed order; the part of p is
//               v(first p) - v(first p - 1).  n + 1 designs; depends on the order.
// Either way the parts of a replicate sum exactly to v(all) - v(none): the arm difference minus what
// is left with every pathway off (randomization noise, mean zero).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/scenario_input.hpp"
#include "models/pathways.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

enum class Method : std::uint8_t { Shapley, Sequential };
Method method_from_name(const std::string& name);  // "shapley" | "sequential"; throws sim::InputError
const char* method_name(Method method);

// The designs a method runs, as bit masks of switched-on pathways (bit p: kPathways[p] on).
std::vector<std::uint32_t> designs_of(Method method, std::size_t pathways);
// The overrides that switch off every pathway not in `mask`.
std::vector<std::string> switch_overrides(std::uint32_t mask);

// A mean over replicates with its 95% Monte Carlo interval, mean +- 1.96 SD / sqrt(R).
struct MeanInterval {
  double mean = 0, lo = 0, hi = 0;
};
MeanInterval mean_interval(const std::vector<double>& values);

struct Decomposition {
  Method method = Method::Shapley;
  std::string scenario, treated, reference;
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0;
  std::vector<std::uint32_t> designs;              // masks, as designs_of
  std::vector<std::vector<double>> value;          // [design][replicate]: ITT difference in HbA1c change
  std::vector<std::vector<double>> contribution;   // [pathway][replicate]
  std::vector<double> explained;                   // [replicate]: v(all) - v(none)

  // Fills contribution and explained from value.
  void attribute();
  const std::vector<double>& all_on() const;   // v(all)
  const std::vector<double>& all_off() const;  // v(none)
  // Share of the explained difference: ratio of means, with a delta-method 95% interval.
  MeanInterval share(std::size_t pathway) const;
};

// Runs every design of `method`: `load(switches)` gives the scenario with those switch overrides
// applied (on the base scenario's seed and replicates); `progress(done)` counts replicates run.
Decomposition decompose(Method method, const std::function<Scenario(const std::vector<std::string>&)>& load,
                        int threads, const std::function<void(std::size_t)>& progress = {});

void print_decomposition(std::ostream& out, const Decomposition& d);
std::string decomposition_json(const Decomposition& d);

}  // namespace coachsim::app
