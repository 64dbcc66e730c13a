#pragma once
// Dynamic work distribution over MPI ranks (built only with COACHSIM_HAVE_MPI): rank 0 hands out
// ids one at a time to whichever rank asks, and receives each result; no rank holds more than the
// result it is sending or receiving. Rank 0 does no work itself, so run N = workers + 1 ranks.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/sweep/local_runner.hpp"

namespace sim::sweep::mpi {

// True when this process was started by an MPI launcher (mpirun, mpiexec, srun --mpi=pmix):
// only then is MPI initialized, so a plain `coachsim sweep` never touches MPI.
bool launched_by_mpi();

// MPI_Init_thread (funneled) for its lifetime; MPI_Finalize when destroyed.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Rank 0's value of `value`, on every rank (a collective: every rank must call it).
int broadcast(int value);
// Rank 0's text, on every rank (a collective).
std::string broadcast(const std::string& text);

// Rank 0: hands out `ids` in order to the other ranks as they ask and calls done(id, result) for
// each result. Once stop() is true no new id is handed out; results of running ids still arrive.
// Returns how many results arrived, after every other rank has been told to stop.
std::size_t coordinate(const std::vector<std::uint64_t>& ids, const DoneFunction& done, const StopFunction& stop);

// Every other rank: asks rank 0 for ids and runs work(id) until told to stop.
void serve(const WorkFunction& work);

// Ends every rank of the job (after an error on rank 0 that leaves the others waiting).
[[noreturn]] void abort_all(int exit_code);

}  // namespace sim::sweep::mpi
