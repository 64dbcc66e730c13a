#include "app/scenario_input.hpp"

#include "app/resources.hpp"

namespace coachsim::app {

std::filesystem::path default_scenario_path() {
  const std::filesystem::path relative = "scenarios/default.toml";
  if (std::filesystem::exists(relative)) return relative;
  return resource_dir() / relative;
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  auto loaded = sim::config::load_scenario(scenario_schema(), file, overrides);
  ModelParams params = read_params(loaded.values);
  return {std::move(loaded), std::move(params)};
}

Scenario load_scenario_text(const std::string& toml, const std::string& display_name) {
  auto loaded = sim::config::load_scenario_text(scenario_schema(), toml, display_name);
  ModelParams params = read_params(loaded.values);
  return {std::move(loaded), std::move(params)};
}

}  // namespace coachsim::app
