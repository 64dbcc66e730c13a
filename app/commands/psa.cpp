// coachsim psa: probabilistic sensitivity analysis of a scenario. Writes the sweep file of the
// draws (app/psa/psa.hpp) beside the results, runs it as a sweep (threads, MPI ranks, or one
// shard), and reports incremental costs, QALYs, the ICER and the probability of cost-effectiveness.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands/commands.hpp"
#include "app/commands/options.hpp"
#include "app/psa/psa.hpp"
#include "app/results_file.hpp"
#include "app/sweep/sweep_command.hpp"
#include "sim/input_error.hpp"
#include "sim/io/text_file.hpp"
#ifdef COACHSIM_HAVE_MPI
#include "sim/sweep/mpi_dispatch.hpp"
#endif

namespace coachsim::app {
namespace {

struct PsaArgs {
  std::string scenario;
  std::uint64_t draws = 200;
  std::uint64_t replicates = 20;
  double scale = 1;
  bool report_only = false;
  SweepCommandArgs sweep;  // output, threads, shard, resume, allow_large
  SummaryJson summary_json;
};

// -o, else results/<scenario>.psa.h5; the sweep file is <output without .h5>.sweep.toml.
std::filesystem::path output_of(const PsaArgs& args, const std::filesystem::path& scenario) {
  if (!args.sweep.output.output.empty()) return args.sweep.output.output;
  return std::filesystem::path("results") / (scenario.stem().string() + ".psa.h5");
}

std::filesystem::path sweep_file_of(const std::filesystem::path& output) {
  auto file = output;
  file.replace_extension("");
  file += ".sweep.toml";
  return file;
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes the sweep file, unless an identical one is there (a resumed or sharded PSA).
void write_sweep_file(const std::filesystem::path& file, const std::string& text, bool force,
                      const std::filesystem::path& scenario) {
  refuse_input_as_output(file, {scenario}, "the sweep file of");
  if (std::filesystem::exists(file) && !force) {
    if (file_text(file) == text) return;
    throw sim::OutputExists(file.string());
  }
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  sim::io::write_text_atomically(file, text);
}

// Writes the sweep file and prepares the sweep's arguments (on every MPI rank alike).
int prepare(PsaArgs& args, Scenario& scenario) {
  if (args.draws == 0) throw sim::InputError("--draws: at least one draw");
  if (args.replicates == 0) throw sim::InputError("--replicates: at least one replicate");
  if (!(args.scale >= 0)) throw sim::InputError("--uncertainty: a scale of 0 or more");
  const std::filesystem::path file = args.scenario;
  scenario = load_scenario(file, {});
  const auto output = output_of(args, file);
  const auto sweep_file = sweep_file_of(output);
  const std::string text = psa_sweep_text(scenario, file, sweep_file, {args.draws, args.replicates, args.scale});
  write_sweep_file(sweep_file, text, args.sweep.output.force || args.sweep.resume, file);
  if (!args.sweep.resume) args.summary_json.prepare(args.sweep.output.force, {file, sweep_file});
  args.sweep.file = sweep_file.string();
  args.sweep.output.output = output.string();
  args.sweep.point_table = false;  // one row per draw: the report summarizes them
  return kExitOk;
}

// The report of a complete results file given by -o (a PSA merged from its shards), without running.
int report(PsaArgs& args) {
  if (args.sweep.output.output.empty()) throw sim::InputError("--report: give the results file with -o");
  const Scenario scenario = load_scenario(args.scenario, {});
  const auto& e = scenario.params.economics;
  args.summary_json.prepare(args.sweep.output.force, {args.scenario, args.sweep.output.output});
  const PsaReport report = read_psa(args.sweep.output.output, {e.wtp_low, e.wtp_mid, e.wtp_high});
  print_psa(std::cout, report, scenario.params);
  args.summary_json.write(psa_json(report));
  return kExitOk;
}

int psa(PsaArgs& args, bool under_mpi) {
  if (args.report_only) return guarded([&] { return report(args); });
  Scenario scenario;
  const int prepared = guarded([&] { return prepare(args, scenario); });
  if (prepared != kExitOk) return prepared;
  const ModelParams& p = scenario.params;
  // The report, from the complete results file: rank 0 alone under MPI.
  args.sweep.on_complete = [&](const std::filesystem::path& output) {
    std::cout << "sweep file: " << args.sweep.file << "\n";
    const PsaReport report = read_psa(output, {p.economics.wtp_low, p.economics.wtp_mid, p.economics.wtp_high});
    print_psa(std::cout, report, p);
    args.summary_json.write(psa_json(report));
  };
#ifdef COACHSIM_HAVE_MPI
  if (under_mpi) return sweep_with_mpi(args.sweep);
#endif
  (void)under_mpi;
  return guarded([&] { return sweep_locally(args.sweep); });
}

}  // namespace

void add_psa_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PsaArgs>();
  auto* cmd = app.add_subcommand("psa", "probabilistic sensitivity analysis: draws of the uncertain parameters, run as "
                                        "a sweep (all cores, MPI ranks, or one shard)");
  cmd->add_option("scenario", args->scenario, "scenario file")->required();
  cmd->add_option("--draws", args->draws, "parameter draws (Latin hypercube over the declared distributions)")
      ->capture_default_str();
  cmd->add_option("--replicates", args->replicates, "replicates per draw, the same in every draw")
      ->capture_default_str();
  cmd->add_option("--uncertainty", args->scale, "multiply every declared SD (0: every draw is the scenario)")
      ->capture_default_str();
  cmd->add_flag("--report", args->report_only,
                "only report from the complete results file -o (e.g. merged from --shard runs); run nothing");
  cmd->add_flag("--plan", args->sweep.plan, "write the sweep file, print the design and exit");
  add_output_options(*cmd, args->sweep.output, "results file (default results/<scenario>.psa.h5), or the shard file "
                                               "with --shard; the sweep file is written beside it",
                     "overwrite existing outputs; without --resume, discard a journal");
  add_threads_option(*cmd, args->sweep.threads);
  cmd->add_flag("--resume", args->sweep.resume, "continue an interrupted PSA from its journal");
  cmd->add_option("--shard", args->sweep.shard, "run only shard K of N (merge the shards with coachsim merge)");
  add_summary_json_option(*cmd, args->summary_json, "PSA summary");
  add_allow_large_option(*cmd, args->sweep.allow_large);
  cmd->callback([args, &exit_code] {
#ifdef COACHSIM_HAVE_MPI
    if (!args->sweep.plan && !args->report_only && sim::sweep::mpi::launched_by_mpi()) {
      exit_code = psa(*args, true);
      return;
    }
#endif
    exit_code = psa(*args, false);
  });
}

}  // namespace coachsim::app
