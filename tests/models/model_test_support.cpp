#include "tests/models/model_test_support.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <sstream>
#include <toml++/toml.h>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::testing {

const std::filesystem::path& test_values_file() {
  static const std::filesystem::path file =
      std::filesystem::path(COACHSIM_SOURCE_DIR) / "tests/models/test_values.toml";
  return file;
}

std::set<std::string> test_value_keys() {
  const toml::table document = toml::parse_file(test_values_file().string());
  std::set<std::string> keys;
  for (const auto& [key, node] : document) {
    if (const auto* section = node.as_table()) {
      for (const auto& [leaf, value] : *section)
        keys.insert(std::string(key.str()) + "." + std::string(leaf.str()));
    } else {
      keys.insert(std::string(key.str()));
    }
  }
  return keys;
}

ModelParams make_params(const std::vector<std::string>& overrides) {
  const auto loaded = sim::config::load_scenario(scenario_schema(), test_values_file(), overrides);
  return read_params(loaded.values);
}

TestWorld make_test_world(const std::vector<std::string>& overrides, std::uint64_t seed) {
  return make_test_world(make_params(overrides), seed);
}

TestWorld make_test_world(const ModelParams& params, std::uint64_t seed) {
  TestWorld t;
  t.params = std::make_unique<ModelParams>(params);
  t.world = make_world(*t.params, seed);
  return t;
}

const sim::Executor& serial_executor() {
  static const sim::Executor executor(sim::ExecutionMode::Serial);
  return executor;
}

sim::StepContext context(std::uint32_t step) { return sim::StepContext{step}; }

sim::AgentRange all_patients(const World& w) { return {0, w.patients.size()}; }
sim::AgentRange all_coaches(const World& w) { return {0, w.coaches.size()}; }

void set_phone_contact(World& w, std::size_t i, bool contacted) {
  auto& pts = w.patients;
  pts.records.phone[pts.record(i)] = contacted ? 1 : 0;
  pts.records.in_person[pts.record(i)] = 0;
  pts.records.group[pts.record(i)] = 0;
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? std::nan("") : sum / static_cast<double>(values.size());
}

double sample_sd(const std::vector<double>& values) {
  const double m = mean(values);
  double ss = 0;
  for (double v : values) ss += (v - m) * (v - m);
  return values.size() > 1 ? std::sqrt(ss / static_cast<double>(values.size() - 1)) : std::nan("");
}

void expect_binomial(double successes, double trials, double p, const std::string& what) {
  const double expected = trials * p;
  const double se = std::sqrt(trials * p * (1.0 - p));
  EXPECT_LE(std::abs(successes - expected), kSigmas * se + 1e-9)
      << what << ": " << successes << " of " << trials << ", expected " << expected << " (SE " << se << ")";
}

Trajectories record_trajectories(const ModelParams& params, std::uint32_t replicate) {
  Trajectories out;
  const sim::Executor& executor = serial_executor();
  run_replicate(params, replicate, executor, [&](const World& w, std::uint32_t) {
    const auto& pts = w.patients;
    const auto& people = pts.people;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      out[pts.id[i]].push_back({people.hba1c_true[i], people.hba1c_measured[i], people.self_management[i],
                                people.adherence[i], people.activation[i], pts.flag(i, PatientFlag::Followed),
                                static_cast<std::uint8_t>(pts.care(i)), people.treatment_step(i)});
    }
  });
  return out;
}

namespace {

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool same_vector(const std::vector<double>& a, const std::vector<double>& b, const std::string& name,
                 std::string* first_difference) {
  if (a.size() != b.size()) {
    if (first_difference != nullptr) *first_difference = name + ": sizes differ";
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a[i], b[i])) {
      if (first_difference != nullptr) {
        std::ostringstream text;
        text << name << "[" << i << "]: " << a[i] << " vs " << b[i];
        *first_difference = text.str();
      }
      return false;
    }
  }
  return true;
}

}  // namespace

bool identical(const ReplicateResult& a, const ReplicateResult& b, std::string* first_difference) {
  if (a.arms != b.arms || a.weeks != b.weeks) {
    if (first_difference != nullptr) *first_difference = "dimensions differ";
    return false;
  }
  for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
    if (!same_vector(a.arm_week[s], b.arm_week[s], kArmWeekSeriesInfo[s].name, first_difference))
      return false;
  }
  if (!same_vector(a.quantiles, b.quantiles, "quantiles", first_difference)) return false;
  for (std::size_t s = 0; s < kWeekSeriesCount; ++s) {
    if (!same_vector(a.week[s], b.week[s], kWeekSeriesInfo[s].name, first_difference)) return false;
  }
  for (std::size_t s = 0; s < kArmSummaryCount; ++s) {
    if (!same_vector(a.arm_summary[s], b.arm_summary[s], kArmSummaryInfo[s].name, first_difference))
      return false;
  }
  const std::vector<double> sa(a.summary.begin(), a.summary.end()), sb(b.summary.begin(), b.summary.end());
  return same_vector(sa, sb, "summary", first_difference);
}

}  // namespace coachsim::testing
