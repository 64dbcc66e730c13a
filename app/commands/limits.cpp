#include "app/commands/limits.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <variant>
#include <limits>

#include "sim/cli/format.hpp"
#include "sim/config/document.hpp"

namespace coachsim::app {
namespace {

double saturating_product(double a, double b) {
  const double p = a * b;
  return std::isfinite(p) ? p : std::numeric_limits<double>::max();
}

std::string factor_text(const Factor& factor) { return people_number(factor.value) + " " + factor.unit; }

}  // namespace

std::string people_number(double value) {
  if (!(value < 1e18)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", value);
    return text;
  }
  const auto whole = static_cast<std::uint64_t>(std::llround(value));
  std::string digits = std::to_string(whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}


Estimate product_estimate(const std::string& what, const std::string& measure, const std::vector<Factor>& factors,
                          double limit) {
  Estimate estimate{what, measure, 1, "", limit, {}};
  double drive = -1;
  for (const auto& factor : factors) {
    estimate.amount = saturating_product(estimate.amount, factor.value);
    estimate.detail += (estimate.detail.empty() ? "" : " x ") + factor_text(factor);
    const double ratio = factor.key.empty() ? 0 : factor.value / std::max(factor.typical, 1.0);
    if (ratio > drive) {
      drive = ratio;
      estimate.driver = factor;
    }
  }
  return estimate;
}

Estimate memory_estimate(const std::string& what, const Factor& patients, const Factor& replicates, double arms,
                         double weeks, int threads) {
  const double per_replicate = kBytesPerArmWeek * arms * (weeks + 1) + kBytesPerReplicate;
  const double results = saturating_product(replicates.value, per_replicate);
  const double workers = saturating_product(saturating_product(patients.value, kBytesPerPatient), threads);
  Estimate estimate{what, "", results + workers, "", kMaxMemoryBytes, {}};
  estimate.detail = sim::cli::bytes_text(results) + " for " + factor_text(replicates) + " of results and " +
                    sim::cli::bytes_text(workers) + " for " + std::to_string(threads) + " worker" +
                    (threads == 1 ? "" : "s") + " of " + factor_text(patients);
  estimate.driver = results >= workers ? replicates : patients;
  return estimate;
}

void enforce(const Estimate& estimate, bool allow_large, const std::string& fallback_file) {
  if (allow_large || !(estimate.amount > estimate.limit)) return;
  const bool bytes = estimate.measure.empty();
  const std::string amount = bytes ? sim::cli::bytes_text(estimate.amount) + " of memory"
                                   : people_number(estimate.amount) + " " + estimate.measure;
  const bool one_factor = estimate.detail.find(" x ") == std::string::npos && !bytes;
  const std::string limit = bytes ? sim::cli::bytes_text(estimate.limit) : people_number(estimate.limit);
  const Factor& driver = estimate.driver;
  sim::config::SourceLocation where = driver.where;
  if (where.file.empty()) where = {fallback_file, 0, 0};
  const std::string lower = driver.key.empty() ? "make it smaller" : "lower " + driver.key;
  throw sim::config::ConfigErrors({{where, driver.key,
                                    estimate.what + " needs " + amount +
                                        (one_factor ? "" : " (" + estimate.detail + ")") + ", above the limit of " + limit + " (docs/limits.md); " + lower +
                                        " or pass --allow-large"}});
}

sim::config::SourceLocation locate_key(const std::string& file, const std::string& key) {
  const auto text = sim::config::read_text_file(file);
  if (!text || sim::config::toml_hazard(*text, file)) return {file, 0, 0};
  try {
    const toml::table table = toml::parse(*text, file);
    const toml::node_view<const toml::node> node = table.at_path(key);
    if (node) {
      const auto& begin = node.node()->source().begin;
      return {file, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    }
  } catch (const toml::parse_error&) {
  }
  return {file, 0, 0};
}

namespace {

// Where a scenario key was given: --replicates / --seed, the last --set of it, or the file.
sim::config::SourceLocation given_at(const std::string& key, const std::filesystem::path& file,
                                     const ScenarioOverrides& overrides) {
  if (key == "run.replicates" && overrides.replicates >= 0) return {"--replicates", 0, 0};
  for (std::size_t i = overrides.sets.size(); i-- > 0;) {
    const std::string& set = overrides.sets[i];
    const auto equals = set.find('=');
    std::string name = set.substr(0, equals);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name == key) return {"--set", static_cast<int>(i + 1), 1};
  }
  return locate_key(file.string(), key);
}

Factor scenario_factor(const std::string& key, double value, const std::string& unit,
                       const std::filesystem::path& file, const ScenarioOverrides& overrides) {
  const auto* spec = scenario_schema().params.find(key);
  double typical = 1;
  if (spec != nullptr) {
    if (const auto* integer = std::get_if<std::int64_t>(&spec->default_value)) typical = static_cast<double>(*integer);
  }
  return {value, unit, key, given_at(key, file, overrides), typical};
}

}  // namespace

void check_scenario_limits(const Scenario& scenario, const std::filesystem::path& file,
                           const ScenarioOverrides& overrides, int threads, bool allow_large, const Factor& repeats) {
  if (allow_large) return;
  const ModelParams& p = scenario.params;
  const Factor patients =
      scenario_factor("population.enrolled", static_cast<double>(p.population.enrolled), "patients", file, overrides);
  const Factor replicates =
      scenario_factor("run.replicates", static_cast<double>(p.run.replicates), "replicates", file, overrides);
  const Factor weeks = scenario_factor("run.weeks", static_cast<double>(p.run.weeks), "weeks", file, overrides);
  const std::string what = "the scenario " + file.string();
  std::vector<Factor> work{patients, replicates, weeks};
  if (!repeats.unit.empty()) work.push_back(repeats);
  enforce(product_estimate(what, "patient-weeks", work, kMaxPatientWeeks), false, file.string());
  enforce(memory_estimate(what, patients, replicates, static_cast<double>(p.arms.size()),
                          static_cast<double>(p.run.weeks), threads),
          false, file.string());
}

}  // namespace coachsim::app
