// Streaming rows along an unlimited dimension.
#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/result_file.hpp"
#include "tests/sim/io/io_test_support.hpp"

namespace sim::io {
namespace {

using Strings = std::vector<std::string>;

class AppendRowsTest : public testing::TempDirTest {};

TEST_F(AppendRowsTest, RowsGrowTheVariableAndADimensionWithoutCoordinates) {
  auto file = AtomicFile::create(path("out.h5"), false);
  const auto sweep = file.group("sweep");
  sweep.add_dimension_without_coordinate("row", 0, Extent::Unlimited);
  file.root().add_dimension("arm", Strings{"a", "b"});
  sweep.write_variable("change", {"row", "arm"}, std::vector<double>{}, {{"units", "%"}});
  sweep.write_variable("count", {"row"}, std::vector<std::int64_t>{});
  sweep.append_rows("change", std::vector<double>{1, 2, 3, 4});
  sweep.append_rows("count", std::vector<std::int64_t>{7, 8});
  sweep.append_rows("change", std::vector<double>{5, 6});
  sweep.append_rows("count", std::vector<std::int64_t>{9});
  sweep.append_rows("change", std::vector<double>{});  // zero rows
  EXPECT_THROW(sweep.append_rows("change", std::vector<double>{1, 2, 3}), std::invalid_argument);
  file.commit();

  const ResultReader reader(path("out.h5"));
  const auto change = reader.read_doubles("sweep/change");
  EXPECT_EQ(change.shape, (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(change.dims, (Strings{"row", "arm"}));
  EXPECT_EQ(change.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(reader.read_int64s("sweep/count").values, (std::vector<std::int64_t>{7, 8, 9}));
  const auto dims = reader.dimensions("sweep");
  ASSERT_EQ(dims.size(), 1u);
  EXPECT_EQ(dims[0].name, "row");
  EXPECT_EQ(dims[0].size, 3u);
  EXPECT_TRUE(dims[0].unlimited);
  EXPECT_FALSE(dims[0].has_coordinate);

  const hid_t h5 = H5Fopen(path("out.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t row = H5Dopen2(h5, "sweep/row", H5P_DEFAULT);
  char name[128] = {};
  ASSERT_GT(H5DSget_scale_name(row, name, sizeof name), 0);
  EXPECT_STREQ(name, "This is a netCDF dimension but not a netCDF variable.         3");
  H5Dclose(row);
  H5Fclose(h5);
}

TEST_F(AppendRowsTest, CoordinatesMustBeAppendedBeforeRows) {
  auto file = AtomicFile::create(path("out.h5"), false);
  const auto root = file.root();
  root.add_dimension("point", std::vector<std::int64_t>{}, {{"long_name", "sweep point"}}, Extent::Unlimited);
  root.add_dimension("label", Strings{"first"}, {}, Extent::Unlimited);
  root.write_variable("y", {"point"}, std::vector<float>{});
  EXPECT_THROW(root.append_rows("y", std::vector<float>{1}), std::runtime_error);  // no coordinate yet
  root.append_coordinates("point", std::vector<std::int64_t>{0, 1});
  root.append_rows("y", std::vector<float>{1.5f, 2.5f});
  root.append_coordinates("point", std::vector<std::int64_t>{2});
  root.append_rows("y", std::vector<float>{3.5f});
  root.append_coordinates("label", Strings{"second", "third"});
  EXPECT_THROW(root.append_coordinates("label", std::vector<double>{1.0}), std::invalid_argument);
  file.commit();

  const ResultReader reader(path("out.h5"));
  EXPECT_EQ(reader.read_doubles("y").values, (std::vector<double>{1.5, 2.5, 3.5}));
  const auto point = reader.read_int64s("point");
  EXPECT_EQ(point.values, (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(point.dims, Strings{"point"});
  EXPECT_EQ(reader.read_strings("label").values, (Strings{"first", "second", "third"}));
  EXPECT_EQ(reader.attributes("point"), (Attributes{{"long_name", "sweep point"}}));
  EXPECT_TRUE(reader.dimensions().at(0).unlimited);
}

TEST_F(AppendRowsTest, OnlyUnlimitedLeadingDimensionsGrow) {
  auto file = AtomicFile::create(path("out.h5"), false);
  const auto root = file.root();
  root.add_dimension("arm", Strings{"a", "b"});
  root.add_dimension_without_coordinate("row", 0, Extent::Unlimited);
  root.write_variable("fixed", {"arm"}, std::vector<double>{1, 2});
  EXPECT_THROW(root.append_rows("fixed", std::vector<double>{3, 4}), std::runtime_error);
  EXPECT_THROW(root.append_coordinates("arm", Strings{"c"}), std::runtime_error);
  EXPECT_THROW(root.write_variable("late", {"arm", "row"}, std::vector<double>{}), std::runtime_error);
}

TEST_F(AppendRowsTest, ManyAppendsAcrossChunks) {
  auto file = AtomicFile::create(path("out.h5"), false);
  const auto root = file.root();
  root.add_dimension_without_coordinate("row", 0, Extent::Unlimited);
  root.write_variable("v", {"row"}, std::vector<std::int32_t>{});
  std::vector<std::int64_t> expected;
  for (std::int32_t batch = 0; batch < 50; ++batch) {
    std::vector<std::int32_t> rows(100);
    for (std::int32_t i = 0; i < 100; ++i) {
      rows[static_cast<std::size_t>(i)] = batch * 100 + i;
      expected.push_back(batch * 100 + i);
    }
    root.append_rows("v", rows);
  }
  file.commit();
  EXPECT_EQ(ResultReader(path("out.h5")).read_int64s("v").values, expected);
}

}  // namespace
}  // namespace sim::io
