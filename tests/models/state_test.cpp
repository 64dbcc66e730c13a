// Agent state (models/state.cpp): columns resized, appended and compacted together.
#include "models/state.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace coachsim {
namespace {

TEST(Coaches, AppendingGrowsEveryColumnTogetherByAnEighthAtATime) {
  Coaches c;
  for (std::size_t n = 0; n < 5000; ++n) {
    ASSERT_EQ(c.append(), n);
    c.id[n] = static_cast<std::uint32_t>(n);
  }
  EXPECT_EQ(c.patient.back(), kNotAPatient) << "initial values";
  EXPECT_EQ(c.quit_week.back(), -1);
  c.for_each_column([&](const auto& column, auto) {
    EXPECT_EQ(column.size(), 5000u);
    EXPECT_LE(column.capacity(), 5000u + 5000u / 8 + 16) << "grown by an eighth, not doubled";
  });
}

TEST(Coaches, KeepOnlyKeepsTheRestInOrderAndItsCapacity) {
  Coaches c;
  for (std::uint32_t n = 0; n < 10; ++n) c.id[c.append()] = n;
  const std::size_t capacity = c.id.capacity();
  c.keep_only({1, 0, 1, 0, 0, 1, 1, 0, 0, 1});
  EXPECT_EQ(c.id, (std::vector<std::uint32_t>{0, 2, 5, 6, 9}));
  c.for_each_column([](const auto& column, auto) { EXPECT_EQ(column.size(), 5u); });
  EXPECT_EQ(c.id.capacity(), capacity) << "recruitment goes on into the room left";
}

}  // namespace
}  // namespace coachsim
