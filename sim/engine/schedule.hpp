#pragma once
// A run is an ordered list of named phases applied every step (week). A per-agent phase is
// called on disjoint agent ranges, possibly in parallel, and may only write the state of the
// agents in its range; a population phase runs once, serially, and may touch anything.
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

  const std::vector<Phase<State>>& phases() const { return phases_; }

  // Applies every phase once; with a profile, each phase's wall time is added under its name.
  void step(State& state, StepContext context, const Executor& executor, PhaseProfile* profile = nullptr) const {
    context.executor = &executor;
    for (const auto& phase : phases_) {
      PhaseProfile::time(profile, phase.name, [&] {
        if (phase.kind == PhaseKind::Population) {
          phase.population(state, context);
        } else {
          executor.for_each_range(phase.agent_count(state), [&](AgentRange range) {
            phase.per_agent(state, context, range);
          });
        }
      });
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
  void check_unique(const std::string& name) const {
    for (const auto& phase : phases_) {
      if (phase.name == name) throw std::logic_error("duplicate phase name: " + name);
    }
  }
  std::vector<Phase<State>> phases_;
};

}  // namespace sim
