// coachsim report: a one-page, self-contained HTML report of a run's results file.
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/commands/options.hpp"
#include "app/html_report.hpp"
#include "app/scenario_input.hpp"

namespace coachsim::app {

void add_report_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string results;
    OutputOptions output;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("report", "write a one-page HTML report of a run's results file (needs Python)");
  cmd->add_option("results", args->results, "results file of coachsim run (.h5)")->required();
  add_output_options(*cmd, args->output, "HTML file (default: <results>.html)", "overwrite an existing report");
  cmd->callback([args, &exit_code] {
    exit_code = guarded([&] {
      std::filesystem::path html = args->output.output;
      if (html.empty()) html = std::filesystem::path(args->results).replace_extension(".html");
      prepare_output(html, args->output.force);
      write_html_report(args->results, html);
      std::cout << "report: " << html.string() << "\n";
      return kExitOk;
    });
  });
}

}  // namespace coachsim::app
