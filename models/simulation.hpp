#pragma once
// Running a scenario: each replicate draws its own population (seed mixed with the replicate
// index) and runs the weekly schedule. Replicates are independent, so they run in parallel;
// a large population instead runs its phases in parallel. Either way every number is a pure
// function of the scenario and the seed.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"
#include "sim/engine/executor.hpp"
#include "sim/engine/phase_profile.hpp"

namespace coachsim {

struct RunOptions {
  int threads = 0;                 // 0 = all cores
  bool serial_reference = false;   // run everything on the calling thread, without TBB
  // Called after each finished replicate with the number finished so far (from any thread,
  // never concurrently).
  std::function<void(std::size_t)> progress;
  // Called before each batch of replicates; may throw to stop the run (an interrupt).
  std::function<void()> between_batches;
  // Run each replicate's usual-care counterfactual for the economic outputs (about twice the work of
  // a coached scenario); without it those outputs are NaN (calibration and checks that need none).
  bool economics = true;
  // When set, where the run's time went: building the population, each phase of the weekly step,
  // recording, the usual-care counterfactual and the economic projection, summed over replicates.
  sim::PhaseProfile* profile = nullptr;
};

std::uint64_t replicate_seed(std::uint64_t seed, std::uint32_t replicate);

// One replicate; `observe` (optional) sees the world after initialization and after each week.
// With a coached arm the replicate runs twice: as given, and with every arm uncoached (the same
// people and draws), whose costs and health the economic outputs subtract (models/economics.hpp).
ReplicateResult run_replicate(const ModelParams& params, std::uint32_t replicate, const sim::Executor& executor,
                              const std::function<void(const World&, std::uint32_t)>& observe = {},
                              bool economics = true, sim::PhaseProfile* profile = nullptr);

// The scenario with every arm uncoached: each arm's patients under usual care.
ModelParams usual_care_counterfactual(const ModelParams& params);

// Runs replicates 0 .. run.replicates - 1 in batches and hands each finished batch to `batch`, in
// replicate order; only one batch is held at a time, so memory does not grow with the replicate
// count. Every result is the same whatever the batching, thread count or serial reference.
void run_replicates(const ModelParams& params, const RunOptions& options,
                    const std::function<void(std::span<const ReplicateResult>)>& batch);

// The same, every replicate kept.
std::vector<ReplicateResult> run_replicates(const ModelParams& params, const RunOptions& options);

}  // namespace coachsim
