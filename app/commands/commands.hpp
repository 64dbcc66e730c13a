#pragma once
// Each subcommand registers itself on the CLI11 app and, when chosen, stores its exit status.
#include <CLI/CLI.hpp>

namespace coachsim::app {

void add_run_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_params_command(CLI::App& app, int& exit_code);
void add_outputs_command(CLI::App& app, int& exit_code);
void add_inspect_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);
void add_psa_command(CLI::App& app, int& exit_code);
void add_merge_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_calibrate_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);

// The one error boundary of every command: runs its body, turning exceptions into messages on
// stderr and exit statuses. Input the user can fix (sim::InputError: ConfigErrors, an existing
// output, a bad argument) -> 2, a stop on SIGINT/SIGTERM (sim::sweep::Interrupted) -> 130/143,
// anything else -> 1.
int guarded(const std::function<int()>& body);

}  // namespace coachsim::app
