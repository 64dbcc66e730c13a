#include "models/simulation.hpp"

#include <tbb/parallel_for.h>

#include <mutex>

#include "models/population.hpp"
#include "models/weekly_step.hpp"
#include "sim/random/stream_key.hpp"

namespace coachsim {
namespace {

// Below this many patients, replicates run in parallel with serial phases; above, phases run
// in parallel within each replicate. Results are identical either way.
constexpr std::size_t kParallelPhasesFrom = 20000;

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

std::vector<ReplicateResult> run_replicates(const ModelParams& params, const RunOptions& options) {
  const std::size_t count = params.run.replicates;
  std::vector<ReplicateResult> results(count);
  std::mutex progress_mutex;
  std::size_t finished = 0;
  auto report = [&] {
    if (!options.progress) return;
    std::lock_guard lock(progress_mutex);
    options.progress(++finished);
  };
  if (options.serial_reference) {
    const sim::Executor serial(sim::ExecutionMode::Serial);
    for (std::uint32_t r = 0; r < count; ++r) {
      results[r] = run_replicate(params, r, serial);
      report();
    }
    return results;
  }
  const sim::Executor parallel(sim::ExecutionMode::Parallel, options.threads);
  if (params.population.enrolled >= kParallelPhasesFrom) {
    for (std::uint32_t r = 0; r < count; ++r) {
      results[r] = run_replicate(params, r, parallel);
      report();
    }
    return results;
  }
  const sim::Executor serial(sim::ExecutionMode::Serial);
  parallel.run_isolated([&] {
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t r) {
      results[r] = run_replicate(params, static_cast<std::uint32_t>(r), serial);
      report();
    });
  });
  return results;
}

}  // namespace coachsim
