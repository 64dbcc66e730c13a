#pragma once
// Shared helpers for the model tests. Parameters come from the real schema and loader, with every
// parameter set explicitly by tests/models/test_values.toml: the tests never rely on the schema's
// default values, which are calibration choices and change. A test adds its own overrides on top.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"
#include "models/state.hpp"
#include "sim/engine/executor.hpp"
#include "sim/engine/schedule.hpp"

namespace coachsim::testing {

// Standard errors a statistical check allows: a correct model fails far less than 1e-4 of the time.
inline constexpr double kSigmas = 5.0;

// Arms in --set syntax.
inline const char* const kArmsTrial =
    "arms=[{name=\"coached\", share=0.5, intervention=\"peer_coaching\"}, {name=\"usual_care\", share=0.5, intervention=\"usual_care\"}]";
inline const char* const kArmsUsualCareOnly = "arms=[{name=\"usual_care\", share=1.0, intervention=\"usual_care\"}]";
inline const char* const kArmsCoachedOnly = "arms=[{name=\"coached\", share=1.0, intervention=\"peer_coaching\"}]";

// The scenario file giving every parameter a plain test value, and the keys it sets.
const std::filesystem::path& test_values_file();
std::set<std::string> test_value_keys();

// The real schema, test_values_file(), then `overrides`; throws sim::config::ConfigErrors if invalid.
ModelParams make_params(const std::vector<std::string>& overrides = {});

// A world together with the parameters it points to (World keeps a pointer: the parameters live
// on the heap so the pair can be moved).
struct TestWorld {
  std::unique_ptr<ModelParams> params;
  World world;
};
TestWorld make_test_world(const std::vector<std::string>& overrides, std::uint64_t seed = 7);
// The same with parameters already built (and possibly edited past the validator, for unit tests).
TestWorld make_test_world(const ModelParams& params, std::uint64_t seed = 7);

// A serial executor shared by the unit tests, and a step context on it.
const sim::Executor& serial_executor();
sim::StepContext context(std::uint32_t step);
sim::AgentRange all_patients(const World& w);
sim::AgentRange all_coaches(const World& w);

// Gives every patient this week's contact by hand: a phone call (dose 1) or none.
void set_phone_contact(World& w, std::size_t patient, bool contacted);

// Statistics.
double mean(const std::vector<double>& values);
double sample_sd(const std::vector<double>& values);
// Expects `successes` out of `trials` Bernoulli(p) draws to lie within kSigmas binomial SEs.
void expect_binomial(double successes, double trials, double p, const std::string& what);

// Per-person trajectories of a replicate, keyed by Patients::id: for every recorded week the
// true and measured HbA1c, study follow-up and care state, self-management, adherence and treatment
// step. (Engagement with the program is left out: only coached arms have a program to engage with.)
struct PersonWeek {
  float hba1c_true, hba1c_measured, self_management, adherence, activation;
  std::uint8_t followed, care, treatment_step;
  bool operator==(const PersonWeek&) const = default;
};
using Trajectories = std::map<std::uint32_t, std::vector<PersonWeek>>;
Trajectories record_trajectories(const ModelParams& params, std::uint32_t replicate = 0);

// Bit-level equality of two replicate results (NaN equals NaN when the bits agree).
bool identical(const ReplicateResult& a, const ReplicateResult& b, std::string* first_difference = nullptr);

// The bytes of every column of agents (People, Patients or Coaches), in the one list of columns their
// for_each_column iterates: two agent sets are bit-identical when these are equal.
template <class Agents>
std::vector<std::vector<std::uint8_t>> column_bytes(const Agents& agents) {
  std::vector<std::vector<std::uint8_t>> bytes;
  const_cast<Agents&>(agents).for_each_column([&](const auto& column, auto) {  // read only
    const auto* data = reinterpret_cast<const std::uint8_t*>(column.data());
    bytes.emplace_back(data, data + column.size() * sizeof(column[0]));
  });
  return bytes;
}

}  // namespace coachsim::testing
