#include "app/sweep/sweep_report.hpp"

#include <algorithm>

#include "app/json_text.hpp"
#include "sim/cli/format.hpp"
#include "sim/cli/progress.hpp"

namespace coachsim::app {
namespace {

constexpr std::size_t kFailuresListed = 20;

using sim::cli::fixed;

double rate(const SweepOutcome& o) { return o.wall_seconds > 0 ? static_cast<double>(o.ran_now) / o.wall_seconds : 0.0; }

}  // namespace

void print_plan(std::ostream& out, const Sweep& sweep) {
  const auto& d = sweep.design;
  out << "sweep: " << sweep.file << "\n"
      << "base: " << (sweep.title.empty() ? "(untitled)" : sweep.title) << "\n"
      << "method: " << sim::sweep::method_name(d.method);
  if (d.saltelli_base > 0) out << " (N = " << d.saltelli_base << " base rows x " << d.parameters.size() + 2 << " blocks)";
  out << "\n"
      << "points: " << sweep.points() << " x replicates: " << sweep.replicates << " = runs: " << sweep.runs() << "\n"
      << "seed: " << sweep.seed << " (replicate r uses the same seed at every point)\n"
      << "design hash: " << sweep.hash << "\n\n";
  std::vector<std::size_t> widths;
  std::vector<std::string> header{"point"};
  for (const auto& p : d.parameters) header.push_back(p);
  if (d.saltelli_base > 0) header.insert(header.end(), {"block", "row"});
  for (const auto& h : header) widths.push_back(std::max<std::size_t>(h.size(), 6));
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << (i ? "  " : "") << std::string(widths[i] - std::min(widths[i], cells[i].size()), ' ') << cells[i];
    }
    out << "\n";
  };
  row(header);
  for (std::size_t p = 0; p < d.points; ++p) {
    std::vector<std::string> cells{std::to_string(p)};
    for (std::size_t k = 0; k < d.parameters.size(); ++k) cells.push_back(sim::sweep::scalar_text(d.value(p, k)));
    if (d.saltelli_base > 0) {
      const auto block = d.saltelli_block[p];
      cells.push_back(block == 0 ? "A" : block == 1 ? "B" : "AB" + std::to_string(block - 1));
      cells.push_back(std::to_string(d.saltelli_row[p]));
    }
    row(cells);
  }
}

void print_outcome(std::ostream& out, const Sweep& sweep, const SweepOutcome& o) {
  const std::string scope = o.shard_file ? " of shard " + o.shard.text() : "";
  out << "sweep " << sweep.file << " (design " << sweep.hash << "): " << o.ran_now << " runs" << scope << " in "
      << sim::cli::Progress::format_duration(o.wall_seconds) << " (" << fixed(rate(o), 1) << " runs/s on " << o.workers
      << (o.workers == 1 ? " worker" : " workers") << ")";
  if (o.resumed > 0) out << ", " << o.resumed << " resumed from the journal";
  out << "\n";
  if (!o.interrupted) print_tally(out, sweep, o);
}

void print_tally(std::ostream& out, const Sweep& sweep, const SweepOutcome& o) {
  out << o.tally.ok << " ok, " << o.tally.failed << " failed\n";
  for (std::size_t i = 0; i < o.tally.failures.size() && i < kFailuresListed; ++i) {
    const auto& f = o.tally.failures[i];
    out << "  run " << f.run << " (point " << f.run / sweep.replicates << ", replicate " << f.run % sweep.replicates
        << ") failed: " << f.error << "\n";
  }
  if (o.tally.failures.size() > kFailuresListed) {
    out << "  ... and " << o.tally.failures.size() - kFailuresListed << " more (run_status and run_error in the file)\n";
  }
  out << (o.shard_file ? "shard: " : "results: ") << o.output << "\n";
}

std::string outcome_json(const Sweep& sweep, const SweepOutcome& o) {
  Json failures = Json::array();
  for (const auto& f : o.tally.failures) {
    failures.push_back(
        {{"run", f.run}, {"point", f.run / sweep.replicates}, {"replicate", f.run % sweep.replicates}, {"error", f.error}});
  }
  return json_text({{"sweep", sweep.file},
                    {"design_hash", sweep.hash},
                    {"method", sim::sweep::method_name(sweep.design.method)},
                    {"points", sweep.points()},
                    {"replicates", sweep.replicates},
                    {"runs", sweep.runs()},
                    {"shard", o.shard_file ? Json(o.shard.text()) : Json(nullptr)},
                    {"runs_in_scope", o.runs},
                    {"ran_now", o.ran_now},
                    {"resumed", o.resumed},
                    {"interrupted", o.interrupted},
                    {"ok", o.tally.ok},
                    {"failed", o.tally.failed},
                    {"failures", std::move(failures)},
                    {"output", o.output.empty() ? Json(nullptr) : Json(o.output)},
                    {"workers", o.workers},
                    {"wall_seconds", json_decimals(o.wall_seconds, 3)},
                    {"runs_per_second", json_decimals(rate(o), 2)}});
}

}  // namespace coachsim::app
