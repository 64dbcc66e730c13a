// coachsim outputs: the reference of results files and statistics (docs/output.md is generated from it).
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/output_reference.hpp"
#include "app/scenario_input.hpp"

namespace coachsim::app {

void add_outputs_command(CLI::App& app, int& exit_code) {
  auto markdown = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("outputs", "print the reference of results-file outputs and summary statistics");
  cmd->add_flag("--markdown", *markdown, "print as markdown (the text of docs/output.md)");
  cmd->callback([markdown, &exit_code] {
    std::cout << (*markdown ? output_reference_markdown() : output_reference_text());
    exit_code = kExitOk;
  });
}

}  // namespace coachsim::app
