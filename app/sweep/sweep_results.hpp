#pragma once
// The sweep results file (docs/output.md, "Sweep results"): one writer owns the layout. Runs are
// written one at a time into pre-sized variables, so memory does not grow with the sweep.
#include <cstdint>
#include <memory>
#include <string>

#include "app/sweep/run_record.hpp"
#include "app/sweep/sweep.hpp"
#include "app/results_file.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {

using SweepProvenance = RunContext;

class SweepResultsWriter {
 public:
  // Creates the dimensions, the design and every (empty) per-run and per-point variable.
  SweepResultsWriter(const sim::io::GroupWriter& root, const Sweep& sweep);
  ~SweepResultsWriter();
  SweepResultsWriter(const SweepResultsWriter&) = delete;
  SweepResultsWriter& operator=(const SweepResultsWriter&) = delete;

  // Writes one run's rows; the runs of a point come before end_point(point).
  void add_run(const RunRecord& record);
  // Writes the point's summaries across its replicates (failed runs left out).
  void end_point(std::size_t point);
  // Root attributes; call once, after the last point.
  void finish(const SweepProvenance& provenance, std::uint64_t failed_runs);

 private:
  struct Variables;
  const Sweep& sweep_;
  sim::io::GroupWriter root_;
  std::unique_ptr<Variables> variables_;
};

}  // namespace coachsim::app
