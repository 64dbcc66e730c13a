#include "sim/engine/executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace sim {
namespace {

TEST(Executor, RangesCoverEveryAgentExactlyOnce) {
  for (auto mode : {ExecutionMode::Serial, ExecutionMode::Parallel}) {
    Executor executor(mode, 2);
    const std::size_t n = 100003;
    std::vector<std::atomic<int>> visits(n);
    executor.for_each_range(n, [&](AgentRange r) {
      for (std::size_t i = r.begin; i < r.end; ++i) visits[i].fetch_add(1);
    });
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(visits[i].load(), 1) << i;
  }
}

TEST(Executor, EmptyRangeCallsNothing) {
  Executor executor(ExecutionMode::Parallel, 2);
  bool called = false;
  executor.for_each_range(0, [&](AgentRange) { called = true; });
  EXPECT_FALSE(called);
}

TEST(Executor, ReportsItsThreadCount) {
  EXPECT_EQ(Executor(ExecutionMode::Serial, 8).threads(), 1);
  EXPECT_EQ(Executor(ExecutionMode::Parallel, 3).threads(), 3);
  EXPECT_GE(Executor(ExecutionMode::Parallel, 0).threads(), 1);
  EXPECT_THROW(Executor(ExecutionMode::Parallel, -1), std::invalid_argument);
}

}  // namespace
}  // namespace sim
