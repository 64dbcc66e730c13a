#include "app/sweep/sweep_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "app/json_text.hpp"
#include "sim/cli/progress.hpp"

namespace coachsim::app {
namespace {

constexpr std::size_t kFailuresListed = 20;

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

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
  std::ostringstream j;
  j << "{\n  \"sweep\": " << json_string(sweep.file) << ",\n  \"design_hash\": " << json_string(sweep.hash)
    << ",\n  \"method\": " << json_string(sim::sweep::method_name(sweep.design.method)) << ",\n  \"points\": "
    << sweep.points() << ",\n  \"replicates\": " << sweep.replicates << ",\n  \"runs\": " << sweep.runs()
    << ",\n  \"shard\": " << (o.shard_file ? json_string(o.shard.text()) : "null")
    << ",\n  \"runs_in_scope\": " << o.runs << ",\n  \"ran_now\": " << o.ran_now << ",\n  \"resumed\": " << o.resumed
    << ",\n  \"interrupted\": " << (o.interrupted ? "true" : "false") << ",\n  \"ok\": " << o.tally.ok
    << ",\n  \"failed\": " << o.tally.failed << ",\n  \"failures\": [";
  for (std::size_t i = 0; i < o.tally.failures.size(); ++i) {
    const auto& f = o.tally.failures[i];
    j << (i ? "," : "") << "\n    {\"run\": " << f.run << ", \"point\": " << f.run / sweep.replicates
      << ", \"replicate\": " << f.run % sweep.replicates << ", \"error\": " << json_string(f.error) << "}";
  }
  j << (o.tally.failures.empty() ? "" : "\n  ") << "],\n  \"output\": " << (o.output.empty() ? "null" : json_string(o.output))
    << ",\n  \"workers\": " << o.workers << ",\n  \"wall_seconds\": " << fixed(o.wall_seconds, 3)
    << ",\n  \"runs_per_second\": " << fixed(rate(o), 2) << "\n}\n";
  return j.str();
}

}  // namespace coachsim::app
