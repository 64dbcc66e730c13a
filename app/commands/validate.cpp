// coachsim validate: checks scenario files and reports every problem with file:line:column.
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/scenario_input.hpp"

namespace coachsim::app {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("validate", "check scenario files; prints ok or every error");
  cmd->add_option("files", *files, "scenario files")->required();
  cmd->callback([files, &exit_code] {
    exit_code = kExitOk;
    for (const auto& file : *files) {
      const int status = guarded([&] {
        load_scenario(file, {});
        std::cout << file << ": ok\n";
        return kExitOk;
      });
      exit_code = std::max(exit_code, status);
    }
  });
}

}  // namespace coachsim::app
