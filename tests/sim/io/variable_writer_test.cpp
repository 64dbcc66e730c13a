// Pre-sized variables written block by block (GroupWriter::create_variable).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/result_file.hpp"
#include "tests/sim/io/io_test_support.hpp"

namespace sim::io {
namespace {

using Sizes = std::vector<std::size_t>;
class VariableWriterTest : public testing::TempDirTest {};

TEST_F(VariableWriterTest, BlocksLandWhereTheySayAndTheRestIsFill) {
  auto file = AtomicFile::create(path("out.h5"), false);
  const auto root = file.root();
  root.add_dimension("point", std::vector<std::int64_t>{0, 1, 2});
  root.add_dimension("replicate", std::vector<std::int64_t>{0, 1});
  root.add_dimension("week", std::vector<std::int64_t>{0, 1, 2, 3});
  const auto series = root.create_variable("series", {"point", "replicate", "week"}, ElementType::Float64,
                                           describe("%", "a series"));
  const auto status = root.create_variable("status", {"point", "replicate"}, ElementType::UInt8);
  const auto error = root.create_variable("error", {"point", "replicate"}, ElementType::String);
  series.write_block(Sizes{2, 1, 0}, Sizes{1, 1, 4}, std::vector<double>{1, 2, 3, 4});
  series.write_block(Sizes{0, 0, 0}, Sizes{1, 1, 4}, std::vector<double>{5, 6, 7, 8});
  status.write_block(Sizes{1, 0}, Sizes{1, 2}, std::vector<std::uint8_t>{2, 1});
  error.write_block(Sizes{1, 0}, Sizes{1, 1}, std::vector<std::string>{"it broke"});
  EXPECT_THROW(series.write_block(Sizes{3, 0, 0}, Sizes{1, 1, 4}, std::vector<double>{1, 2, 3, 4}), std::out_of_range);
  EXPECT_THROW(series.write_block(Sizes{0, 0, 0}, Sizes{1, 1, 4}, std::vector<double>{1, 2}), std::invalid_argument);
  EXPECT_THROW(series.write_block(Sizes{0, 0}, Sizes{1, 1}, std::vector<double>{1}), std::invalid_argument);
  file.commit();

  const ResultReader reader(path("out.h5"));
  const auto values = reader.read_doubles("series");
  EXPECT_EQ(values.dims, (std::vector<std::string>{"point", "replicate", "week"}));
  ASSERT_EQ(values.values.size(), 24u);
  EXPECT_EQ(values.values[0], 5.0);
  EXPECT_EQ(values.values[3], 8.0);
  EXPECT_TRUE(std::isnan(values.values[4]));  // point 0, replicate 1: never written
  EXPECT_EQ(values.values[20], 1.0);
  EXPECT_EQ(values.values[23], 4.0);
  EXPECT_EQ(reader.read_int64s("status").values, (std::vector<std::int64_t>{0, 0, 2, 1, 0, 0}));
  EXPECT_EQ(reader.read_strings("error").values, (std::vector<std::string>{"", "", "it broke", "", "", ""}));
  EXPECT_EQ(reader.read_string_attribute("series", "units"), "%");
}

TEST_F(VariableWriterTest, LargeChunkedVariablesFilledRowByRowReadBackExactly) {
  auto file = AtomicFile::create(path("big.h5"), false);
  const auto root = file.root();
  constexpr std::size_t kRows = 2000, kColumns = 300;  // 4.8 MB: chunked and compressed
  std::vector<std::int64_t> rows(kRows), columns(kColumns);
  for (std::size_t i = 0; i < kRows; ++i) rows[i] = static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < kColumns; ++i) columns[i] = static_cast<std::int64_t>(i);
  root.add_dimension("row", rows);
  root.add_dimension("column", columns);
  const auto big = root.create_variable("big", {"row", "column"}, ElementType::Float64);
  std::vector<double> row(kColumns);
  for (std::size_t r = 0; r < kRows; ++r) {
    for (std::size_t c = 0; c < kColumns; ++c) row[c] = static_cast<double>(r) + 0.001 * static_cast<double>(c);
    big.write_block(Sizes{r, 0}, Sizes{1, kColumns}, row);
  }
  file.commit();
  const auto values = ResultReader(path("big.h5")).read_doubles("big").values;
  ASSERT_EQ(values.size(), kRows * kColumns);
  EXPECT_EQ(values[1234 * kColumns + 17], 1234 + 0.001 * 17);
}

}  // namespace
}  // namespace sim::io
