#pragma once
// What `coachsim sweep` prints: the design (--plan) and the outcome, for people and as JSON.
#include <cstdint>
#include <ostream>
#include <string>

#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_assemble.hpp"
#include "sim/sweep/shard.hpp"

namespace coachsim::app {

void print_plan(std::ostream& out, const Sweep& sweep);

struct SweepOutcome {
  std::string output;  // results file or shard file ("" when interrupted)
  sim::sweep::Shard shard;
  bool shard_file = false;    // the output is a shard file
  std::uint64_t runs = 0;     // in this shard (all runs when not sharded)
  std::uint64_t ran_now = 0;  // run by this invocation
  std::uint64_t resumed = 0;  // found in the journal and not rerun
  RunTally tally;             // every run in the output (empty when interrupted)
  double wall_seconds = 0;
  int workers = 0;            // threads or MPI worker ranks
  bool interrupted = false;
};

void print_outcome(std::ostream& out, const Sweep& sweep, const SweepOutcome& outcome);
// The second half of print_outcome: ok and failed runs (the failures listed) and the output.
void print_tally(std::ostream& out, const Sweep& sweep, const SweepOutcome& outcome);
std::string outcome_json(const Sweep& sweep, const SweepOutcome& outcome);

}  // namespace coachsim::app
