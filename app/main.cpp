// coachsim: command-line entry point. Wires the engine (sim/) and the model (models/).
#include <CLI/CLI.hpp>

#include <iostream>

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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
  }
  return 0;
}
