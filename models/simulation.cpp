#include "models/simulation.hpp"


#include <algorithm>
#include <mutex>

#include "models/population.hpp"
#include "models/weekly_step.hpp"
#include "sim/engine/parallel_for.hpp"
#include "sim/random/stream_key.hpp"

namespace coachsim {
namespace {

// Below this many patients, replicates run in parallel with serial phases; above, phases run
// in parallel within each replicate. Results are identical either way.
constexpr std::size_t kParallelPhasesFrom = 20000;
// Replicates in flight per worker thread: enough to keep every thread busy, few enough that a
// batch's weekly series stay small (about 15 kB per replicate for the default scenario).
constexpr std::size_t kBatchPerThread = 8;

}  // namespace

std::uint64_t replicate_seed(std::uint64_t seed, std::uint32_t replicate) {
  return sim::random::mix_seed(seed, replicate);
}

ReplicateResult run_replicate(const ModelParams& params, std::uint32_t replicate, const sim::Executor& executor,
                              const std::function<void(const World&, std::uint32_t)>& observe) {
  World world = make_world(params, replicate_seed(params.run.seed, replicate));
  Recorder recorder(params);
  recorder.record(world, 0, executor);
  if (observe) observe(world, 0);
  weekly_schedule().run(world, 0, params.run.weeks, executor, [&](const World& w, std::uint32_t step) {
    recorder.record(w, step + 1, executor);
    if (observe) observe(w, step + 1);
  });
  return recorder.finish(world);
}

void run_replicates(const ModelParams& params, const RunOptions& options,
                    const std::function<void(std::span<const ReplicateResult>)>& batch) {
  const std::size_t count = params.run.replicates;
  const sim::Executor parallel(sim::ExecutionMode::Parallel, options.threads);
  const sim::Executor serial(sim::ExecutionMode::Serial);
  const bool parallel_phases = !options.serial_reference && params.population.enrolled >= kParallelPhasesFrom;
  const std::size_t batch_size = options.serial_reference || parallel_phases
                                     ? 1
                                     : kBatchPerThread * static_cast<std::size_t>(std::max(parallel.threads(), 1));
  std::vector<ReplicateResult> results;
  std::mutex progress_mutex;
  std::size_t finished = 0;
  auto report = [&] {
    if (!options.progress) return;
    const std::lock_guard lock(progress_mutex);
    options.progress(++finished);
  };
  for (std::size_t first = 0; first < count; first += batch_size) {
    if (options.between_batches) options.between_batches();
    const std::size_t n = std::min(batch_size, count - first);
    results.assign(n, ReplicateResult{});
    if (batch_size == 1) {
      results[0] = run_replicate(params, static_cast<std::uint32_t>(first), parallel_phases ? parallel : serial);
      report();
    } else {
      parallel.run_isolated([&] {
        sim::parallel_for_index(n, [&](std::size_t i) {
          results[i] = run_replicate(params, static_cast<std::uint32_t>(first + i), serial);
          report();
        });
      });
    }
    batch(results);
  }
}

std::vector<ReplicateResult> run_replicates(const ModelParams& params, const RunOptions& options) {
  std::vector<ReplicateResult> all;
  all.reserve(params.run.replicates);
  run_replicates(params, options, [&](std::span<const ReplicateResult> batch) {
    all.insert(all.end(), batch.begin(), batch.end());
  });
  return all;
}

}  // namespace coachsim
