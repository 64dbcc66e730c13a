// The "RNG floor": the cost of keyed draws and of an empty phase loop, against which the
// model's patient-weeks per second are compared. Run: build/tests/benchmarks/coachsim_bench_rng
#include <benchmark/benchmark.h>

#include <array>
#include <boost/random/normal_distribution.hpp>
#include <vector>

#include "sim/engine/schedule.hpp"
#include "sim/random/keyed_stream.hpp"
#include "sim/random/stream_blocks.hpp"
#include "sim/random/variates.hpp"

namespace {

using namespace sim;

void BM_KeyedUniform(benchmark::State& state) {
  std::uint32_t agent = 0;
  for (auto _ : state) {
    const auto block = random::stream_block({42, 1, agent++, 7});
    benchmark::DoNotOptimize(random::to_open_unit(block[0]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeyedUniform);

void BM_KeyedNormal(benchmark::State& state) {
  std::uint32_t agent = 0;
  for (auto _ : state) {
    const auto block = random::stream_block({42, 2, agent++, 7});
    benchmark::DoNotOptimize(random::to_standard_normal(block[0]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeyedNormal);

// A tile of 256 agents' blocks at once, as the per-agent loops draw them (in vector lanes where the
// processor has AVX2).
void BM_KeyedBlocksInTiles(benchmark::State& state) {
  std::array<std::uint32_t, 256> agents;
  std::array<random::PhiloxCounter, 256> blocks;
  std::uint32_t first = 0;
  for (auto _ : state) {
    for (std::uint32_t k = 0; k < agents.size(); ++k) agents[k] = first + k;
    random::stream_blocks({42, 1, 0, 7}, agents.data(), agents.size(), blocks.data());
    benchmark::DoNotOptimize(blocks);
    first += static_cast<std::uint32_t>(agents.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(agents.size()));
  state.SetLabel(random::stream_blocks_vectorized() ? "AVX2 lanes" : "one at a time");
}
BENCHMARK(BM_KeyedBlocksInTiles);

void BM_StreamBoostNormal(benchmark::State& state) {
  random::KeyedStream stream({42, 3, 0, 0});
  boost::random::normal_distribution<double> normal;
  for (auto _ : state) benchmark::DoNotOptimize(normal(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamBoostNormal);

struct EmptyState {
  std::vector<float> value;
};

// Per agent-step cost of the time loop itself: one per-agent phase that touches each agent.
void BM_EmptyPhaseLoop(benchmark::State& state) {
  const auto threads = static_cast<int>(state.range(0));
  Executor executor(threads == 0 ? ExecutionMode::Serial : ExecutionMode::Parallel, threads);
  Schedule<EmptyState> schedule;
  schedule.add_per_agent("touch", "", [](const EmptyState& s) { return s.value.size(); },
                         [](EmptyState& s, const StepContext&, AgentRange r) {
                           for (std::size_t i = r.begin; i < r.end; ++i) s.value[i] += 1.0f;
                         });
  EmptyState world{std::vector<float>(100000, 0.0f)};
  std::uint32_t step = 0;
  for (auto _ : state) schedule.step(world, StepContext{step++}, executor);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(world.value.size()));
  state.SetLabel(threads == 0 ? "serial" : std::to_string(threads) + " threads");
}
BENCHMARK(BM_EmptyPhaseLoop)->Arg(0)->Arg(1)->Arg(2);

// The same loop drawing one keyed uniform per agent-step.
void BM_PhaseLoopOneDraw(benchmark::State& state) {
  const auto threads = static_cast<int>(state.range(0));
  Executor executor(threads == 0 ? ExecutionMode::Serial : ExecutionMode::Parallel, threads);
  Schedule<EmptyState> schedule;
  schedule.add_per_agent("draw", "", [](const EmptyState& s) { return s.value.size(); },
                         [](EmptyState& s, const StepContext& ctx, AgentRange r) {
                           for (std::size_t i = r.begin; i < r.end; ++i) {
                             const auto block = random::stream_block({42, 4, static_cast<std::uint32_t>(i), ctx.step});
                             s.value[i] += static_cast<float>(random::to_open_unit(block[0]));
                           }
                         });
  EmptyState world{std::vector<float>(100000, 0.0f)};
  std::uint32_t step = 0;
  for (auto _ : state) schedule.step(world, StepContext{step++}, executor);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(world.value.size()));
  state.SetLabel(threads == 0 ? "serial" : std::to_string(threads) + " threads");
}
BENCHMARK(BM_PhaseLoopOneDraw)->Arg(0)->Arg(1)->Arg(2);

}  // namespace

BENCHMARK_MAIN();
