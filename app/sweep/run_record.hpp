#pragma once
// One finished run of a sweep as bytes: what workers send to rank 0 and what journals and shard
// files hold. Doubles are stored bit for bit, so a results file assembled from records is the
// same whichever process ran them.
#include <cstdint>
#include <span>
#include <string>

#include "models/outputs.hpp"
#include "sim/sweep/bytes.hpp"

namespace coachsim::app {

enum class RunStatus : std::uint8_t { Ok = 1, Failed = 2 };  // as stored in run_status

struct RunRecord {
  std::uint64_t run = 0;  // point * replicates + replicate
  RunStatus status = RunStatus::Ok;
  std::string error;      // why it failed; "" when ok
  ReplicateResult result; // empty when failed
};

sim::sweep::Bytes encode_run(const RunRecord& record);
// Throws std::runtime_error for a record that is malformed or written with another output
// catalog (a coachsim whose outputs differ).
RunRecord decode_run(std::span<const unsigned char> bytes);
// Only the run id (cheap: for indexing journals).
std::uint64_t peek_run_id(std::span<const unsigned char> bytes);

}  // namespace coachsim::app
