// coachsim plan: the phases of the weekly step, in the order they run, with their descriptions
// (declared in models/weekly_step.cpp).
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/scenario_input.hpp"
#include "models/weekly_step.hpp"

namespace coachsim::app {
namespace {

int plan(const std::string& scenario_file) {
  const std::filesystem::path file =
      scenario_file.empty() ? default_scenario_path() : std::filesystem::path(scenario_file);
  const Scenario scenario = load_scenario(file, {});
  const auto schedule = weekly_schedule();
  const auto& phases = schedule.phases();
  std::size_t width = 0;
  for (const auto& phase : phases) width = std::max(width, phase.name.size());
  std::cout << file.string() << ": " << phases.size() << " phases, run in this order every week for "
            << scenario.params.run.weeks << " weeks\n\n";
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto& phase = phases[i];
    char head[160];
    std::snprintf(head, sizeof head, "%3zu  %-*s  %-10s  ", i + 1, static_cast<int>(width),
                  phase.name.c_str(), phase.kind == sim::PhaseKind::PerAgent ? "per agent" : "population");
    std::cout << head << phase.description << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("plan", "print the phases of the weekly step in the order they run");
  cmd->add_option("scenario", *file, "scenario file (default: scenarios/default.toml)");
  cmd->callback([file, &exit_code] { exit_code = guarded([&] { return plan(*file); }); });
}

}  // namespace coachsim::app
