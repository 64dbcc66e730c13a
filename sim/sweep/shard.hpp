#pragma once
// Runs of a sweep and their split into shards (Slurm job-array tasks, MPI-free batch jobs).
// Run id = point * replicates + replicate; shard K of N (0-based, 0 <= K < N) holds the runs
// whose id % N == K, so shards interleave points and finish in about the same time.
#include <cstdint>
#include <string>
#include <string_view>

namespace sim::sweep {

inline std::uint64_t run_id(std::uint64_t point, std::uint64_t replicate, std::uint64_t replicates) {
  return point * replicates + replicate;
}

struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool contains(std::uint64_t run) const { return run % count == index; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
  friend bool operator==(const Shard&, const Shard&) = default;
};

// Parses "K/N" (0 <= K < N); throws sim::InputError explaining the form otherwise.
Shard parse_shard(std::string_view text);

}  // namespace sim::sweep
