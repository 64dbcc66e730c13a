#include "sim/sweep/mpi_dispatch.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace sim::sweep::mpi {
namespace {

enum Tag : int { kRequest = 1, kResult = 2, kAssign = 3, kStop = 4 };
constexpr int kCoordinator = 0;

void check(int status, const char* call) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI call failed: ") + call);
}

void send_assignment(int rank, std::uint64_t id) {
  unsigned long long value = id;
  check(MPI_Send(&value, 1, MPI_UNSIGNED_LONG_LONG, rank, kAssign, MPI_COMM_WORLD), "MPI_Send");
}

void send_stop(int rank) { check(MPI_Send(nullptr, 0, MPI_BYTE, rank, kStop, MPI_COMM_WORLD), "MPI_Send"); }

// Waits for the next message without spinning a core: rank 0 shares the node with workers.
MPI_Status wait_for_message() {
  MPI_Status status;
  int arrived = 0;
  auto pause = std::chrono::microseconds(50);
  while (true) {
    check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status), "MPI_Iprobe");
    if (arrived != 0) return status;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(2000));
  }
}

}  // namespace

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS", "MV2_COMM_WORLD_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

Session::Session() {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

Session::~Session() { MPI_Finalize(); }

int broadcast(int value) {
  check(MPI_Bcast(&value, 1, MPI_INT, kCoordinator, MPI_COMM_WORLD), "MPI_Bcast");
  return value;
}

std::string broadcast(const std::string& text) {
  unsigned long long size = text.size();
  check(MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, kCoordinator, MPI_COMM_WORLD), "MPI_Bcast");
  std::string result = text;
  result.resize(static_cast<std::size_t>(size));
  check(MPI_Bcast(result.data(), static_cast<int>(size), MPI_CHAR, kCoordinator, MPI_COMM_WORLD), "MPI_Bcast");
  return result;
}

std::size_t coordinate(const std::vector<std::uint64_t>& ids, const DoneFunction& done, const StopFunction& stop) {
  int size = 1;
  check(MPI_Comm_size(MPI_COMM_WORLD, &size), "MPI_Comm_size");
  int active = size - 1;
  std::size_t next = 0, received = 0;
  Bytes buffer;
  while (active > 0) {
    const MPI_Status status = wait_for_message();
    const int worker = status.MPI_SOURCE;
    int count = 0;
    check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
    buffer.resize(static_cast<std::size_t>(count));
    check(MPI_Recv(buffer.data(), count, MPI_BYTE, worker, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "MPI_Recv");
    if (status.MPI_TAG == kResult) {
      ByteReader reader(buffer);
      const std::uint64_t id = reader.u64();
      const Bytes result(buffer.begin() + 8, buffer.end());
      done(id, result);
      ++received;
    }
    if (next < ids.size() && !stop()) {
      send_assignment(worker, ids[next++]);
    } else {
      send_stop(worker);
      --active;
    }
  }
  return received;
}

void serve(const WorkFunction& work) {
  check(MPI_Send(nullptr, 0, MPI_BYTE, kCoordinator, kRequest, MPI_COMM_WORLD), "MPI_Send");
  while (true) {
    MPI_Status status;
    unsigned long long id = 0;
    check(MPI_Recv(&id, 1, MPI_UNSIGNED_LONG_LONG, kCoordinator, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Recv");
    if (status.MPI_TAG == kStop) return;
    ByteWriter message;
    message.u64(id);
    Bytes bytes = message.take();
    const Bytes result = work(id);
    bytes.insert(bytes.end(), result.begin(), result.end());
    check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, kCoordinator, kResult, MPI_COMM_WORLD),
          "MPI_Send");
  }
}

void abort_all(int exit_code) {
  MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::exit(exit_code);
}

}  // namespace sim::sweep::mpi
