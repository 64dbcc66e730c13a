#pragma once
// Loading a scenario for a command: the file (or scenarios/default.toml), --set overrides and
// the model's schema, validated in one go.
#include <filesystem>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::app {

// Exit statuses shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;       // a run failed, a target was missed, ...
inline constexpr int kExitInvalidInput = 2;  // bad scenario, bad flags, bad results file

struct Scenario {
  sim::config::LoadedScenario loaded;
  ModelParams params;
};

// scenarios/default.toml from the working directory, else from resource_dir() (app/resources.hpp).
std::filesystem::path default_scenario_path();

// Throws sim::config::ConfigErrors listing every problem.
Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides);
Scenario load_scenario_text(const std::string& toml, const std::string& display_name);

}  // namespace coachsim::app
