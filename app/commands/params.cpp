// coachsim params: the parameter reference (docs/parameters.md is generated from it).
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/scenario_input.hpp"

namespace coachsim::app {

void add_params_command(CLI::App& app, int& exit_code) {
  auto markdown = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("params", "print the parameter reference");
  cmd->add_flag("--markdown", *markdown, "print as markdown (the text of docs/parameters.md)");
  cmd->callback([markdown, &exit_code] {
    std::cout << (*markdown ? sim::config::parameter_reference_markdown(scenario_schema())
                            : sim::config::parameter_reference_text(scenario_schema()));
    exit_code = kExitOk;
  });
}

}  // namespace coachsim::app
