#pragma once
// A fixed subset of the agents 0..n-1 and each member's rank among them: the row of the member in
// columns held for the members only (state that only some agents have, such as a program's records
// of the patients it serves). One bit per agent and a count per 64 agents (0.19 bytes per agent);
// a rank is a load, a popcount and an add. Row size() is one past the members' rows: the row of every
// non-member (row()), where columns keep the value a non-member reads, so that a read needs no branch.
#include <bit>
#include <cstdint>
#include <vector>

#include "sim/engine/executor.hpp"

namespace sim {

class RankedSubset {
 public:
  RankedSubset() = default;
  // The agents i < n with member(i).
  template <class Member>
  RankedSubset(std::size_t n, Member&& member) : agents_(n), words_(n / 64 + 1, 0), before_(n / 64 + 1, 0) {
    for (std::size_t i = 0; i < n; ++i) {
      words_[i >> 6] |= static_cast<std::uint64_t>(static_cast<bool>(member(i))) << (i & 63);
    }
    std::uint32_t count = 0;
    for (std::size_t w = 0; w < words_.size(); ++w) {
      before_[w] = count;
      count += static_cast<std::uint32_t>(std::popcount(words_[w]));
    }
    members_ = count;
  }

  std::size_t agents() const { return agents_; }
  std::size_t size() const { return members_; }
  bool contains(std::size_t i) const { return (words_[i >> 6] >> (i & 63) & 1u) != 0; }
  // The members below agent i (i <= agents()): a member's row, or where the rows of r begin.
  std::size_t rank(std::size_t i) const {
    const std::uint64_t below = words_[i >> 6] & ((std::uint64_t{1} << (i & 63)) - 1);
    return before_[i >> 6] + static_cast<std::size_t>(std::popcount(below));
  }
  // Agent i's row: its rank if a member, else size() (the non-members' row). Without a branch.
  std::size_t row(std::size_t i) const {
    const std::size_t member = contains(i);
    return member * rank(i) + (1 - member) * members_;
  }
  // Calls f(i, row) for every member i in r, in increasing order: member rows rank(r.begin) on.
  template <class F>
  void for_each_member(AgentRange r, F&& f) const {
    std::size_t row = rank(r.begin);
    for (std::size_t w = r.begin >> 6; w < words_.size() && (w << 6) < r.end; ++w) {
      std::uint64_t bits = words_[w];
      if ((w << 6) < r.begin) bits &= ~std::uint64_t{0} << (r.begin & 63);
      for (; bits != 0; bits &= bits - 1) {
        const std::size_t i = (w << 6) + static_cast<std::size_t>(std::countr_zero(bits));
        if (i >= r.end) return;
        f(i, row++);
      }
    }
  }
  std::size_t bytes() const {
    return words_.capacity() * sizeof(std::uint64_t) + before_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::size_t agents_ = 0, members_ = 0;
  std::vector<std::uint64_t> words_{0};
  std::vector<std::uint32_t> before_{0};
};

}  // namespace sim
