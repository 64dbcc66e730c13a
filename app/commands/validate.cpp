// coachsim validate: checks input files of every kind (scenario, sweep, targets, calibration) and
// reports every problem as file:line:column: key: what was expected; --reference prints a kind's
// generated reference (docs/parameters.md, docs/<kind>-file.md).
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/input_kinds.hpp"
#include "app/scenario_input.hpp"

namespace coachsim::app {

void add_validate_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::vector<std::string> files;
    std::string kind;
    std::string reference;
    bool markdown = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "validate", "check scenario, sweep, targets or calibration files; prints ok or every error");
  cmd->add_option("files", args->files, "input files; each one's kind is told by its top-level keys");
  cmd->add_option("--kind", args->kind, "read every file as this kind instead")
      ->check(CLI::IsMember(kind_names()));
  cmd->add_option("--reference", args->reference, "print the reference of a file kind instead")
      ->check(CLI::IsMember(kind_names()));
  cmd->add_flag("--markdown", args->markdown, "print the reference as markdown (docs/<kind>-file.md)");
  cmd->callback([args, &exit_code] {
    exit_code = kExitOk;
    if (!args->reference.empty()) {
      std::cout << kind_reference(*kind_from_name(args->reference), args->markdown);
      return;
    }
    if (args->files.empty()) {
      std::cerr << "coachsim validate: give one or more files (or --reference KIND)\n";
      exit_code = kExitInvalidInput;
      return;
    }
    for (const auto& file : args->files) {
      const InputKind kind = args->kind.empty() ? detect_kind(file) : *kind_from_name(args->kind);
      const int status = guarded([&] {
        validate_file(kind, file);
        std::cout << file << ": " << kind_name(kind) << " ok\n";
        return kExitOk;
      });
      exit_code = std::max(exit_code, status);
    }
  });
}

}  // namespace coachsim::app
