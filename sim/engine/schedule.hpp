#pragma once
// A run is an ordered list of named phases applied every step (week). A per-agent phase is
// called on disjoint agent ranges, possibly in parallel, and may only write the state of the
// agents in its range; a population phase runs once, serially, and may touch anything.
// Consecutive per-agent phases declared as one pass (in_pass_with_previous) run as a single sweep:
// each block of agents goes through all of them, in order, before the next block, so its state
// stays in cache and the threads meet once. This is exact when every phase of the pass reads, of
// what the pass writes, only its own agents' state: each agent sees the same sequence of phases.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/executor.hpp"
#include "sim/engine/phase_profile.hpp"

namespace sim {

struct StepContext {
  std::uint32_t step = 0;  // 0-based index of the step being applied
  // The step's executor (Schedule::step sets it): a population phase may hand per-agent work with a
  // reduction to it in fixed chunks (for_each_fixed_chunk), combined in chunk order, so its result is
  // the same for any thread count. Without one (a phase called on its own), chunks run serially.
  const Executor* executor = nullptr;

  const Executor& executor_or_serial() const {
    static const Executor serial(ExecutionMode::Serial);
    return executor != nullptr ? *executor : serial;
  }
  void for_each_fixed_chunk(std::size_t count, std::size_t chunk,
                            const std::function<void(std::size_t, AgentRange)>& body) const {
    executor_or_serial().for_each_fixed_chunk(count, chunk, body);
  }
};

enum class PhaseKind { PerAgent, Population };

template <class State>
struct Phase {
  std::string name;
  PhaseKind kind = PhaseKind::Population;
  std::string description;
  // Per-agent: how many agents the phase iterates (patients, coaches, ...).
  std::function<std::size_t(const State&)> agent_count;
  std::function<void(State&, const StepContext&, AgentRange)> per_agent;
  std::function<void(State&, const StepContext&)> population;
  bool joins_previous = false;  // runs in one pass with the per-agent phase before it
};

template <class State>
class Schedule {
 public:
  Schedule& add_per_agent(std::string name, std::string description,
                          std::function<std::size_t(const State&)> agent_count,
                          std::function<void(State&, const StepContext&, AgentRange)> body) {
    check_unique(name);
    phases_.push_back({std::move(name), PhaseKind::PerAgent, std::move(description),
                       std::move(agent_count), std::move(body), {}});
    return *this;
  }

  Schedule& add_population(std::string name, std::string description,
                           std::function<void(State&, const StepContext&)> body) {
    check_unique(name);
    phases_.push_back({std::move(name), PhaseKind::Population, std::move(description), {}, {},
                       std::move(body)});
    return *this;
  }

  // Runs the per-agent phase just added in one pass with the per-agent phase before it (see the
  // top of this file: same agents, and no phase of the pass reads another agent's state it writes).
  Schedule& in_pass_with_previous() {
    if (phases_.size() < 2 || phases_.back().kind != PhaseKind::PerAgent ||
        phases_[phases_.size() - 2].kind != PhaseKind::PerAgent) {
      throw std::logic_error("only a per-agent phase after another joins its pass");
    }
    phases_.back().joins_previous = true;
    return *this;
  }

  const std::vector<Phase<State>>& phases() const { return phases_; }

  // Applies every phase once; with a profile, each phase's wall time is added under its name (the
  // phases of a pass share its wall time in proportion to the time each took in it).
  void step(State& state, StepContext context, const Executor& executor, PhaseProfile* profile = nullptr) const {
    context.executor = &executor;
    for (std::size_t first = 0; first < phases_.size();) {
      const auto& phase = phases_[first];
      if (phase.kind == PhaseKind::Population) {
        PhaseProfile::time(profile, phase.name, [&] { phase.population(state, context); });
        ++first;
        continue;
      }
      std::size_t last = first + 1;
      while (last < phases_.size() && phases_[last].joins_previous) ++last;
      if (last == first + 1) {
        PhaseProfile::time(profile, phase.name, [&] {
          executor.for_each_range(phase.agent_count(state),
                                  [&](AgentRange range) { phase.per_agent(state, context, range); });
        });
      } else {
        run_pass(state, context, executor, first, last, profile);
      }
      first = last;
    }
  }

  // Applies steps [first_step, first_step + steps); `after_step` (optional) sees the state at
  // the end of each step, e.g. to record outputs.
  void run(State& state, std::uint32_t first_step, std::uint32_t steps, const Executor& executor,
           const std::function<void(const State&, std::uint32_t)>& after_step = {},
           PhaseProfile* profile = nullptr) const {
    for (std::uint32_t s = first_step; s < first_step + steps; ++s) {
      step(state, StepContext{s}, executor, profile);
      if (after_step) after_step(state, s);
    }
  }

 private:
  // Agents per block of a pass: small enough that a block's state stays in cache across its phases.
  static constexpr std::size_t kPassBlock = 512;

  void run_pass(State& state, const StepContext& context, const Executor& executor, std::size_t first,
                std::size_t last, PhaseProfile* profile) const {
    std::vector<std::atomic<std::int64_t>> nanoseconds(profile != nullptr ? last - first : 0);  // only to profile
    const auto start = std::chrono::steady_clock::now();
    executor.for_each_range(phases_[first].agent_count(state), [&](AgentRange range) {
      for (std::size_t begin = range.begin; begin < range.end; begin += kPassBlock) {
        const AgentRange block{begin, std::min(begin + kPassBlock, range.end)};
        for (std::size_t n = first; n < last; ++n) {
          if (profile == nullptr) {
            phases_[n].per_agent(state, context, block);
            continue;
          }
          const auto phase_start = std::chrono::steady_clock::now();
          phases_[n].per_agent(state, context, block);
          nanoseconds[n - first] += std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now() - phase_start)
                                        .count();
        }
      }
    });
    if (profile == nullptr) return;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double busy = 0;
    for (const auto& ns : nanoseconds) busy += static_cast<double>(ns.load());
    for (std::size_t n = first; n < last; ++n) {
      const double share = busy > 0 ? static_cast<double>(nanoseconds[n - first].load()) / busy
                                    : 1.0 / static_cast<double>(last - first);
      profile->add(phases_[n].name, wall * share);
    }
  }

  void check_unique(const std::string& name) const {
    for (const auto& phase : phases_) {
      if (phase.name == name) throw std::logic_error("duplicate phase name: " + name);
    }
  }
  std::vector<Phase<State>> phases_;
};

}  // namespace sim
