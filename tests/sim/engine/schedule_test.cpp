#include "sim/engine/schedule.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "sim/random/stream_key.hpp"
#include "sim/random/variates.hpp"

namespace sim {
namespace {

// A toy model with both phase kinds, random draws and a population-level feedback:
// walkers pulled toward their mean, and "watchers" who count walkers above zero.
struct ToyState {
  std::uint64_t seed = 0;
  std::vector<double> position;
  std::vector<std::uint32_t> watcher_count;
  double mean = 0;
  std::vector<std::string> log;
};

constexpr random::Purpose kStepPurpose = 1;

Schedule<ToyState> toy_schedule() {
  Schedule<ToyState> schedule;
  schedule.add_population("mean", "mean position", [](ToyState& s, const StepContext& ctx) {
    double sum = 0;
    for (double x : s.position) sum += x;
    s.mean = sum / static_cast<double>(s.position.size());
    s.log.push_back("mean@" + std::to_string(ctx.step));
  });
  schedule.add_per_agent(
      "walk", "random step toward the mean", [](const ToyState& s) { return s.position.size(); },
      [](ToyState& s, const StepContext& ctx, AgentRange r) {
        for (std::size_t i = r.begin; i < r.end; ++i) {
          const auto block = random::stream_block({s.seed, kStepPurpose, static_cast<std::uint32_t>(i), ctx.step});
          s.position[i] += 0.1 * random::to_standard_normal(block[0]) - 0.05 * (s.position[i] - s.mean);
        }
      });
  schedule.add_per_agent(
      "watch", "count walkers above zero", [](const ToyState& s) { return s.watcher_count.size(); },
      [](ToyState& s, const StepContext&, AgentRange r) {
        for (std::size_t w = r.begin; w < r.end; ++w) {
          std::uint32_t above = 0;
          for (std::size_t i = w; i < s.position.size(); i += s.watcher_count.size()) above += s.position[i] > 0;
          s.watcher_count[w] += above;
        }
      });
  return schedule;
}

ToyState run_toy(const Executor& executor) {
  ToyState state;
  state.seed = 2024;
  state.position.assign(50000, 0.0);
  state.watcher_count.assign(3000, 0);
  toy_schedule().run(state, 0, 30, executor);
  return state;
}

bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(Schedule, SerialAndParallelAtAnyThreadCountGiveBitIdenticalState) {
  const ToyState reference = run_toy(Executor(ExecutionMode::Serial));
  for (int threads : {1, 2, 8}) {
    const ToyState parallel = run_toy(Executor(ExecutionMode::Parallel, threads));
    EXPECT_TRUE(bit_identical(parallel.position, reference.position)) << threads << " threads";
    EXPECT_EQ(parallel.watcher_count, reference.watcher_count) << threads << " threads";
    EXPECT_EQ(parallel.mean, reference.mean);
  }
}

TEST(Schedule, PhasesRunInOrderEveryStep) {
  ToyState state;
  state.position.assign(10, 0.0);
  state.watcher_count.assign(2, 0);
  toy_schedule().run(state, 5, 3, Executor(ExecutionMode::Serial));
  EXPECT_EQ(state.log, (std::vector<std::string>{"mean@5", "mean@6", "mean@7"}));
}

TEST(Schedule, ListsItsPhasesByName) {
  const auto schedule = toy_schedule();
  ASSERT_EQ(schedule.phases().size(), 3u);
  EXPECT_EQ(schedule.phases()[0].name, "mean");
  EXPECT_EQ(schedule.phases()[1].kind, PhaseKind::PerAgent);
}

TEST(Schedule, RejectsDuplicatePhaseNames) {
  Schedule<ToyState> schedule;
  schedule.add_population("a", "", [](ToyState&, const StepContext&) {});
  EXPECT_THROW(schedule.add_population("a", "", [](ToyState&, const StepContext&) {}), std::logic_error);
}

TEST(Schedule, AfterStepSeesEveryStep) {
  ToyState state;
  state.position.assign(4, 0.0);
  state.watcher_count.assign(1, 0);
  std::vector<std::uint32_t> seen;
  toy_schedule().run(state, 0, 4, Executor(ExecutionMode::Serial),
                     [&](const ToyState&, std::uint32_t step) { seen.push_back(step); });
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST(Schedule, AProfileTimesEveryPhaseEveryStepWithoutChangingTheRun) {
  ToyState profiled;
  profiled.seed = 2024;
  profiled.position.assign(1000, 0.0);
  profiled.watcher_count.assign(10, 0);
  ToyState plain = profiled;
  PhaseProfile profile;
  toy_schedule().run(profiled, 0, 7, Executor(ExecutionMode::Serial), {}, &profile);
  toy_schedule().run(plain, 0, 7, Executor(ExecutionMode::Serial));
  EXPECT_TRUE(bit_identical(profiled.position, plain.position));
  ASSERT_EQ(profile.entries().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(profile.entries()[i].name, toy_schedule().phases()[i].name);
    EXPECT_EQ(profile.entries()[i].calls, 7u);
    EXPECT_GE(profile.entries()[i].seconds, 0.0);
  }
}

// A pass: two per-agent phases over the same agents, the second joined to the first.
Schedule<ToyState> pass_schedule() {
  Schedule<ToyState> schedule;
  auto agents = [](const ToyState& s) { return s.position.size(); };
  for (const char* name : {"first", "second"}) {
    schedule.add_per_agent(name, "", agents, [name](ToyState& s, const StepContext&, AgentRange r) {
      s.log.push_back(std::string(name) + "@" + std::to_string(r.begin));
      for (std::size_t i = r.begin; i < r.end; ++i) s.position[i] = 2.0 * s.position[i] + 1.0;
    });
  }
  schedule.in_pass_with_previous();
  return schedule;
}

TEST(Schedule, APassTakesEachBlockThroughAllItsPhasesBeforeTheNext) {
  ToyState state;
  state.position.assign(1200, 0.0);
  pass_schedule().step(state, StepContext{0}, Executor(ExecutionMode::Serial));
  EXPECT_EQ(state.log, (std::vector<std::string>{"first@0", "second@0", "first@512", "second@512",
                                                 "first@1024", "second@1024"}));
  for (double x : state.position) EXPECT_EQ(x, 3.0);
}

TEST(Schedule, OnlyAPerAgentPhaseAfterAnotherJoinsAPass) {
  auto agents = [](const ToyState& s) { return s.position.size(); };
  auto nothing = [](ToyState&, const StepContext&, AgentRange) {};
  Schedule<ToyState> after_population;
  after_population.add_population("p", "", [](ToyState&, const StepContext&) {})
      .add_per_agent("a", "", agents, nothing);
  EXPECT_THROW(after_population.in_pass_with_previous(), std::logic_error);
  Schedule<ToyState> alone;
  alone.add_per_agent("a", "", agents, nothing);
  EXPECT_THROW(alone.in_pass_with_previous(), std::logic_error);
}

TEST(Schedule, AProfileTimesEachPhaseOfAPass) {
  ToyState state;
  state.position.assign(5000, 0.0);
  PhaseProfile profile;
  pass_schedule().run(state, 0, 4, Executor(ExecutionMode::Serial), {}, &profile);  // its phases log unguarded
  ASSERT_EQ(profile.entries().size(), 2u);
  EXPECT_EQ(profile.entries()[0].name, "first");
  EXPECT_EQ(profile.entries()[1].name, "second");
  for (const auto& entry : profile.entries()) {
    EXPECT_EQ(entry.calls, 4u);
    EXPECT_GT(entry.seconds, 0.0);
  }
}

TEST(PhaseProfile, MergesByNameKeepingFirstSeenOrder) {
  PhaseProfile a, b;
  a.add("x", 1.0);
  a.add("y", 2.0);
  b.add("z", 4.0);
  b.add("x", 0.5, 3);
  a.merge(b);
  ASSERT_EQ(a.entries().size(), 3u);
  EXPECT_EQ(a.entries()[0].name, "x");
  EXPECT_DOUBLE_EQ(a.entries()[0].seconds, 1.5);
  EXPECT_EQ(a.entries()[0].calls, 4u);
  EXPECT_EQ(a.entries()[2].name, "z");
  EXPECT_DOUBLE_EQ(a.total_seconds(), 7.5);
}

}  // namespace
}  // namespace sim
