// Write -> read round trips of dimensions, variables and attributes.
#include "sim/io/result_file.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/sim/io/io_test_support.hpp"

namespace sim::io {
namespace {

using Strings = std::vector<std::string>;

class ResultFileTest : public testing::TempDirTest {};

const Attributes kRootAttributes = {
    {"scenario", "[run]\nseed = 42\nweeks = 4\n"},
    {"seed", std::int64_t{42}},
    {"wall_seconds", 1.25},
    {"units", "%"},
    {"empty", ""},
    {"unicode", "\xC2\xB5mol/mol \xE2\x80\x93 gr\xC3\xBC\xC3\x9F"},
    {"names", Strings{"a", "bb", ""}},
    {"weights", std::vector<double>{0.5, -1.5, 1e300}},
    {"counts", std::vector<std::int64_t>{-1, 0, std::int64_t{1} << 40}},
    {"one_name", Strings{"only"}},
    {"no_numbers", std::vector<double>{}},
    {"no_names", Strings{}},
};

// Writes a file with every element type; returns its path.
std::filesystem::path write_sample(const std::filesystem::path& path) {
  auto file = AtomicFile::create(path, false);
  const auto root = file.root();
  root.set_attributes(kRootAttributes);
  root.set_attribute("seed", std::int64_t{43});  // replaced, not duplicated
  root.add_dimension("replicate", std::vector<std::int64_t>{0, 1, 2}, {{"units", "1"}});
  root.add_dimension("arm", Strings{"coached", "usual_care"});
  root.add_dimension("week", std::vector<std::int64_t>{0, 1, 2, 3}, {{"units", "weeks"}});
  root.add_dimension("quantile", std::vector<double>{0.1, 0.5, 0.9});
  root.add_dimension_without_coordinate("slot", 2);

  std::vector<double> mean(3 * 2 * 4);
  for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = 7.0 + 0.125 * static_cast<double>(i);
  mean[5] = std::nan("");
  root.write_variable("hba1c_mean", {"replicate", "arm", "week"}, mean,
                      describe("%", "mean true HbA1c", "over patients in the study"));
  root.write_variable("load", {"arm", "week"}, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8.5f});
  root.write_variable("n_enrolled", {"replicate", "arm"}, std::vector<std::int64_t>{10, 11, 20, 21, 30, -31},
                      {{"units", "patients"}});
  root.write_variable("step", {"arm"}, std::vector<std::int32_t>{-2, 2});
  root.write_variable("flag", {"slot"}, std::vector<std::uint8_t>{0, 255});
  root.write_variable("label", {"slot"}, Strings{"x", "\xC3\xA9t\xC3\xA9"});
  root.write_variable("total", {}, std::vector<double>{99.5});
  std::vector<double> big(3 * 2 * 4 * 3 * 30);  // not on any real dims; tests chunking through "big" dim
  root.add_dimension_without_coordinate("big", 30);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<double>(i % 97);
  root.write_variable("big_quantiles", {"replicate", "arm", "week", "quantile", "big"}, big);

  const auto patients = root.group("patients");
  patients.set_attribute("description", "one row per patient");
  patients.add_dimension_without_coordinate("patient", 3);
  patients.write_variable("age", {"patient"}, std::vector<std::int32_t>{40, 55, 61}, {{"units", "years"}});
  patients.write_variable("baseline", {"patient", "arm"}, std::vector<double>{1, 2, 3, 4, 5, 6});
  file.commit();
  return path;
}

TEST_F(ResultFileTest, StructureReadsBack) {
  const ResultReader reader(write_sample(path("out.h5")));
  EXPECT_EQ(reader.variables(),
            (Strings{"hba1c_mean", "load", "n_enrolled", "step", "flag", "label", "total", "big_quantiles"}));
  EXPECT_EQ(reader.groups(), Strings{"patients"});
  const auto dims = reader.dimensions();
  ASSERT_EQ(dims.size(), 6u);
  EXPECT_EQ(dims[0].name, "replicate");
  EXPECT_EQ(dims[0].size, 3u);
  EXPECT_TRUE(dims[0].has_coordinate);
  EXPECT_EQ(dims[4].name, "slot");
  EXPECT_FALSE(dims[4].has_coordinate);
  EXPECT_EQ(dims[4].size, 2u);
  EXPECT_EQ(reader.variables("patients"), (Strings{"age", "baseline"}));
  EXPECT_EQ(reader.dimensions("/patients").at(0).name, "patient");
  EXPECT_TRUE(reader.has_object("patients/age"));
  EXPECT_FALSE(reader.has_object("patients/nothing"));
  EXPECT_FALSE(reader.has_object("nothing/at/all"));
}

TEST_F(ResultFileTest, AttributesReadBackInOrder) {
  const ResultReader reader(write_sample(path("out.h5")));
  Attributes expected = kRootAttributes;
  expected[1].second = std::int64_t{43};
  EXPECT_EQ(reader.attributes(), expected);
  EXPECT_EQ(reader.attributes("/"), expected);
  EXPECT_EQ(reader.read_string_attribute("/", "units"), "%");
  EXPECT_EQ(reader.read_int64_attribute("", "seed"), 43);
  EXPECT_DOUBLE_EQ(reader.read_double_attribute("/", "seed"), 43.0);
  EXPECT_DOUBLE_EQ(reader.read_double_attribute("/", "wall_seconds"), 1.25);
  EXPECT_THROW(reader.read_int64_attribute("/", "wall_seconds"), std::runtime_error);
  EXPECT_THROW(reader.read_string_attribute("/", "seed"), std::runtime_error);
  EXPECT_THROW(reader.read_string_attribute("/", "missing"), std::runtime_error);
  EXPECT_TRUE(reader.has_attribute("/", "seed"));
  EXPECT_FALSE(reader.has_attribute("/", "missing"));
  EXPECT_EQ(reader.attributes("hba1c_mean"), describe("%", "mean true HbA1c", "over patients in the study"));
  EXPECT_EQ(reader.attributes("week"), (Attributes{{"units", "weeks"}}));
  EXPECT_EQ(reader.attributes("patients"), (Attributes{{"description", "one row per patient"}}));
  EXPECT_EQ(reader.read_string_attribute("patients/age", "units"), "years");
}

TEST_F(ResultFileTest, NumericVariablesReadBack) {
  const ResultReader reader(write_sample(path("out.h5")));
  const auto mean = reader.read_doubles("hba1c_mean");
  EXPECT_EQ(mean.dims, (Strings{"replicate", "arm", "week"}));
  EXPECT_EQ(mean.shape, (std::vector<std::size_t>{3, 2, 4}));
  ASSERT_EQ(mean.values.size(), 24u);
  EXPECT_TRUE(std::isnan(mean.values[5]));
  EXPECT_DOUBLE_EQ(mean.values[23], 7.0 + 0.125 * 23);

  EXPECT_EQ(reader.read_doubles("load").values, (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8.5}));
  EXPECT_EQ(reader.variable_info("load").type, ElementType::Float32);
  const auto enrolled = reader.read_int64s("n_enrolled");
  EXPECT_EQ(enrolled.values, (std::vector<std::int64_t>{10, 11, 20, 21, 30, -31}));
  EXPECT_EQ(enrolled.dims, (Strings{"replicate", "arm"}));
  EXPECT_EQ(reader.variable_info("n_enrolled").type, ElementType::Int64);
  EXPECT_EQ(reader.read_int64s("step").values, (std::vector<std::int64_t>{-2, 2}));
  EXPECT_EQ(reader.variable_info("step").type, ElementType::Int32);
  EXPECT_EQ(reader.read_int64s("flag").values, (std::vector<std::int64_t>{0, 255}));
  EXPECT_EQ(reader.read_int64s("flag").dims, Strings{"slot"});
  EXPECT_EQ(reader.variable_info("flag").type, ElementType::UInt8);
  const auto total = reader.read_doubles("total");
  EXPECT_EQ(total.values, std::vector<double>{99.5});
  EXPECT_TRUE(total.dims.empty());
  EXPECT_TRUE(total.shape.empty());
  const auto big = reader.read_doubles("big_quantiles");
  ASSERT_EQ(big.values.size(), 3u * 2 * 4 * 3 * 30);
  for (std::size_t i = 0; i < big.values.size(); ++i) ASSERT_EQ(big.values[i], static_cast<double>(i % 97));
  EXPECT_EQ(big.dims.back(), "big");
  EXPECT_THROW(reader.read_int64s("hba1c_mean"), std::runtime_error);
  EXPECT_THROW(reader.read_doubles("label"), std::runtime_error);
  EXPECT_THROW(reader.read_doubles("slot"), std::runtime_error);  // a dimension, not a variable
}

TEST_F(ResultFileTest, CoordinatesAndStringsReadBack) {
  const ResultReader reader(write_sample(path("out.h5")));
  const auto arm = reader.read_strings("arm");
  EXPECT_EQ(arm.values, (Strings{"coached", "usual_care"}));
  EXPECT_EQ(arm.dims, Strings{"arm"});
  EXPECT_EQ(reader.read_int64s("replicate").values, (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(reader.read_doubles("/quantile").values, (std::vector<double>{0.1, 0.5, 0.9}));
  EXPECT_EQ(reader.read_strings("label").values, (Strings{"x", "\xC3\xA9t\xC3\xA9"}));
  const auto baseline = reader.read_doubles("patients/baseline");
  EXPECT_EQ(baseline.dims, (Strings{"patient", "arm"}));  // "arm" found in the root group
  EXPECT_EQ(baseline.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST_F(ResultFileTest, LargeVariablesAreChunkedAndCompressedSmallOnesAreNot) {
  write_sample(path("out.h5"));
  const hid_t file = H5Fopen(path("out.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  auto layout = [&](const char* name, int* filters) {
    const hid_t dataset = H5Dopen2(file, name, H5P_DEFAULT);
    const hid_t plist = H5Dget_create_plist(dataset);
    const H5D_layout_t result = H5Pget_layout(plist);
    *filters = H5Pget_nfilters(plist);
    H5Pclose(plist);
    H5Dclose(dataset);
    return result;
  };
  int filters = 0;
  EXPECT_EQ(layout("big_quantiles", &filters), H5D_CHUNKED);
  EXPECT_EQ(filters, 2);  // shuffle + deflate
  EXPECT_EQ(layout("hba1c_mean", &filters), H5D_CONTIGUOUS);
  EXPECT_EQ(filters, 0);
  H5Fclose(file);
}

TEST_F(ResultFileTest, FloatingPointVariablesAreFilledWithNaN) {
  write_sample(path("out.h5"));
  const hid_t file = H5Fopen(path("out.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t dataset = H5Dopen2(file, "hba1c_mean", H5P_DEFAULT);
  const hid_t plist = H5Dget_create_plist(dataset);
  double fill = 0;
  ASSERT_GE(H5Pget_fill_value(plist, H5T_NATIVE_DOUBLE, &fill), 0);
  EXPECT_TRUE(std::isnan(fill));
  EXPECT_GT(H5Aexists(dataset, "_FillValue"), 0);
  H5Pclose(plist);
  H5Dclose(dataset);
  H5Fclose(file);
}

TEST_F(ResultFileTest, DimensionsAreHdf5DimensionScales) {
  write_sample(path("out.h5"));
  const hid_t file = H5Fopen(path("out.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t variable = H5Dopen2(file, "hba1c_mean", H5P_DEFAULT);
  const hid_t week = H5Dopen2(file, "week", H5P_DEFAULT);
  const hid_t slot = H5Dopen2(file, "slot", H5P_DEFAULT);
  EXPECT_GT(H5DSis_scale(week), 0);
  EXPECT_GT(H5DSis_attached(variable, week, 2), 0);
  char name[128] = {};
  ASSERT_GT(H5DSget_scale_name(week, name, sizeof name), 0);
  EXPECT_STREQ(name, "week");
  ASSERT_GT(H5DSget_scale_name(slot, name, sizeof name), 0);
  EXPECT_STREQ(name, "This is a netCDF dimension but not a netCDF variable.         2");
  H5Dclose(slot);
  H5Dclose(week);
  H5Dclose(variable);
  H5Fclose(file);
}

TEST_F(ResultFileTest, WriterRejectsMistakes) {
  auto file = AtomicFile::create(path("bad.h5"), false);
  const auto root = file.root();
  root.add_dimension("arm", Strings{"a", "b"});
  try {
    root.write_variable("x", {"arm"}, std::vector<double>{1, 2, 3});
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "variable '/x' has 3 values but its dimensions (arm=2) need 2");
  }
  EXPECT_THROW(root.write_variable("x", {"nope"}, std::vector<double>{1}), std::runtime_error);
  EXPECT_THROW(root.add_dimension("arm", Strings{"c"}), std::runtime_error);
  EXPECT_THROW(root.write_variable("a/b", {"arm"}, std::vector<double>{1, 2}), std::invalid_argument);
  EXPECT_THROW(root.write_variable("y", {"arm"}, std::vector<double>{1, 2}, {{"_FillValue", 0.0}}),
               std::invalid_argument);
  EXPECT_THROW(root.set_variable_attributes("missing", {{"units", "1"}}), std::runtime_error);
  root.write_variable("z", {"arm"}, std::vector<double>{1, 2});
  EXPECT_THROW(root.write_variable("z", {"arm"}, std::vector<double>{1, 2}), std::runtime_error);
  file.commit();
  EXPECT_THROW(root.write_variable("late", {"arm"}, std::vector<double>{1, 2}), std::runtime_error);
  EXPECT_THROW(file.commit(), std::logic_error);
}

TEST_F(ResultFileTest, SetVariableAttributesAddsAndReplaces) {
  auto file = AtomicFile::create(path("a.h5"), false);
  const auto root = file.root();
  root.add_dimension("arm", Strings{"a", "b"});
  root.write_variable("x", {"arm"}, std::vector<double>{1, 2}, {{"units", "1"}});
  root.set_variable_attributes("x", {{"units", "%"}, {"long_name", "x"}});
  root.group("g/h").set_attribute("depth", std::int64_t{2});
  file.commit();
  const ResultReader reader(path("a.h5"));
  EXPECT_EQ(reader.attributes("x"), (Attributes{{"units", "%"}, {"long_name", "x"}}));
  EXPECT_EQ(reader.read_int64_attribute("g/h", "depth"), 2);
  EXPECT_EQ(reader.groups("g"), Strings{"h"});
}

TEST_F(ResultFileTest, ReaderReportsMissingFilesAndObjects) {
  EXPECT_THROW(ResultReader(path("none.h5")), std::runtime_error);
  const ResultReader reader(write_sample(path("out.h5")));
  EXPECT_THROW(reader.read_doubles("missing"), std::runtime_error);
  EXPECT_THROW(reader.attributes("missing"), std::runtime_error);
}

}  // namespace
}  // namespace sim::io
