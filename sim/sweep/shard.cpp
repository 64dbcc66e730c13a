#include "sim/sweep/shard.hpp"

#include <charconv>
#include <stdexcept>

#include "sim/input_error.hpp"

namespace sim::sweep {
namespace {

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

}  // namespace

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_number(text.substr(0, slash), shard.index) ||
      !parse_number(text.substr(slash + 1), shard.count) || shard.count == 0 || shard.index >= shard.count) {
    throw InputError("a shard is K/N with 0 <= K < N (0-based, like SLURM_ARRAY_TASK_ID), got '" +
                     std::string(text) + "'");
  }
  return shard;
}

}  // namespace sim::sweep
