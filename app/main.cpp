// coachsim: command-line entry point. Wires the engine (sim/) and the model (models/).
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/commands/commands.hpp"
#include "app/scenario_input.hpp"
#include "sim/build_info.hpp"

namespace {

std::string version_text() {
  const auto& info = sim::build_info();
  return "coachsim " + std::string(info.version) + " (commit " + std::string(info.git_commit) + ", " +
         std::string(info.build_type) + ", " + std::string(info.compiler) + ")";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"coachsim: agent-based simulation of diabetes peer-coaching programs"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(0, 1);
  int exit_code = coachsim::app::kExitOk;
  coachsim::app::add_run_command(app, exit_code);
  coachsim::app::add_validate_command(app, exit_code);
  coachsim::app::add_inspect_command(app, exit_code);
  coachsim::app::add_params_command(app, exit_code);
  coachsim::app::add_outputs_command(app, exit_code);
  coachsim::app::add_compare_command(app, exit_code);
  coachsim::app::add_explain_command(app, exit_code);
  coachsim::app::add_report_command(app, exit_code);
  coachsim::app::add_init_command(app, exit_code);
  coachsim::app::add_sweep_command(app, exit_code);
  coachsim::app::add_psa_command(app, exit_code);
  coachsim::app::add_merge_command(app, exit_code);
  coachsim::app::add_check_command(app, exit_code);
  coachsim::app::add_calibrate_command(app, exit_code);
  coachsim::app::add_plan_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : coachsim::app::kExitInvalidInput;
  }
  if (app.get_subcommands().empty()) std::cout << app.help();
  return exit_code;
}
