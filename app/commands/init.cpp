// coachsim init: writes a complete, commented scenario to start from: every parameter with its
// value, unit and a line on what it means, from the shipped Thom 2013 trial or county program.
#include <iostream>
#include <sstream>

#include "app/commands/commands.hpp"
#include "app/commands/options.hpp"
#include "app/resources.hpp"
#include "app/scenario_input.hpp"
#include "sim/input_error.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

struct Template {
  const char* name;
  const char* file;  // under resource_dir()
  const char* intro;
};

constexpr Template kTemplates[] = {
    {"trial", "scenarios/default.toml",
     "A randomized trial of peer coaching: the Thom 2013 design (299 patients, 23 coaches, 6 months)."},
    {"county", "scenarios/county.toml",
     "A county-scale program: 20,000 patients over 5 years, coaches who quit replaced."},
};

std::string trimmed(std::string text) {
  const auto begin = text.find_first_not_of(" \t");
  const auto end = text.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

// The resolved scenario with each parameter's description above its line.
std::string commented(const Scenario& scenario, const Template& chosen, const std::string& output) {
  std::ostringstream out;
  out << "# " << chosen.intro << "\n"
      << "# Written by `coachsim init --template " << chosen.name << "`: every parameter, with its unit and meaning.\n"
      << "# Change what your program does differently, then check and run it:\n"
      << "#   coachsim validate " << output << "\n"
      << "#   coachsim run " << output << " --plot figures/\n"
      << "# Compare two designs on the same simulated people: coachsim compare " << output << " other.toml\n"
      << "# All parameters, with ranges and sources: coachsim params (or docs/parameters.md).\n";
  const auto& specs = scenario_schema().params;
  std::istringstream in(scenario.loaded.resolved_toml);
  std::string line, section;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && line.rfind("# Resolved scenario", 0) == 0) {
      first = false;
      continue;
    }
    first = false;
    const std::string text = trimmed(line);
    if (text.rfind("[[", 0) == 0) {
      section = text.substr(2, text.find("]]") - 2);
    } else if (text.rfind('[', 0) == 0) {
      section = text.substr(1, text.find(']') - 1);
    } else if (const auto equals = text.find('='); equals != std::string::npos && text[0] != '#') {
      const std::string key = trimmed(text.substr(0, equals));
      const std::string path = section.empty() ? key : section + "." + key;
      if (const auto* spec = specs.find(path); spec != nullptr && !spec->description.empty()) {
        out << "# " << spec->description << "\n";
      }
    }
    out << line << "\n";
  }
  return out.str();
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string template_name = "trial";
    OutputOptions output;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("init", "write a commented scenario to start from");
  cmd->add_option("--template", args->template_name, "trial (the Thom 2013 trial, default) or county (a county program)")
      ->check(CLI::IsMember({"trial", "county"}));
  add_output_options(*cmd, args->output, "scenario file to write (default: scenario.toml)",
                     "overwrite an existing file");
  cmd->callback([args, &exit_code] {
    exit_code = guarded([&] {
      const std::filesystem::path output = args->output.output.empty() ? "scenario.toml" : args->output.output;
      const Template* chosen = &kTemplates[0];
      for (const auto& t : kTemplates) {
        if (args->template_name == t.name) chosen = &t;
      }
      const auto source = resource_dir() / chosen->file;
      if (!std::filesystem::exists(source)) throw sim::InputError(source.string() + ": template not found");
      prepare_output(output, args->output.force);
      const Scenario scenario = load_scenario(source, {});
      sim::io::write_text_atomically(output, commented(scenario, *chosen, output.string()));
      std::cout << "wrote " << output.string() << " (" << chosen->intro << ")\nnext: coachsim run " << output.string()
                << "\n";
      return kExitOk;
    });
  });
}

}  // namespace coachsim::app
