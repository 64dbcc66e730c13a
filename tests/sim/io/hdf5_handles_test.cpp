#include "sim/io/hdf5_handles.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace sim::io {
namespace {

TEST(Hdf5Handles, ClosesOnDestructionAndMoves) {
  hid_t raw = -1;
  {
    DataspaceHandle space(H5Screate(H5S_SCALAR), "H5Screate", "scalar");
    raw = space.get();
    EXPECT_GT(H5Iis_valid(raw), 0);
    DataspaceHandle moved(std::move(space));
    EXPECT_FALSE(space.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_EQ(moved.get(), raw);
  }
  const ScopedErrorSilence silence;
  EXPECT_LE(H5Iis_valid(raw), 0);
}

TEST(Hdf5Handles, MoveAssignmentClosesThePreviousId) {
  DataspaceHandle first(H5Screate(H5S_SCALAR), "H5Screate", "first");
  DataspaceHandle second(H5Screate(H5S_SCALAR), "H5Screate", "second");
  const hid_t old = first.get();
  first = std::move(second);
  const ScopedErrorSilence silence;
  EXPECT_LE(H5Iis_valid(old), 0);
  EXPECT_GT(H5Iis_valid(first.get()), 0);
}

TEST(Hdf5Handles, FailedCallThrowsWithCallObjectAndHdf5Message) {
  const ScopedErrorSilence silence;
  try {
    FileHandle file(H5Fopen("/nonexistent/dir/x.h5", H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen",
                    "/nonexistent/dir/x.h5");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("H5Fopen"), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/dir/x.h5"), std::string::npos) << message;
    EXPECT_GT(message.size(), std::string("HDF5 H5Fopen failed for '/nonexistent/dir/x.h5'").size())
        << message;
  }
}

TEST(Hdf5Handles, CheckHelpers) {
  EXPECT_EQ(check_id(5, "call", "object"), 5);
  EXPECT_EQ(check_status(0, "call", "object"), 0);
  EXPECT_TRUE(check_tri(1, "call", "object"));
  EXPECT_FALSE(check_tri(0, "call", "object"));
  EXPECT_THROW(check_status(-1, "H5Xdo", "thing"), std::runtime_error);
  EXPECT_THROW(check_tri(-1, "H5Xis", "thing"), std::runtime_error);
}

TEST(Hdf5Handles, SilenceRestoresThePreviousHandler) {
  H5E_auto2_t before = nullptr;
  void* before_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &before, &before_data);
  {
    const ScopedErrorSilence outer;
    {
      const ScopedErrorSilence inner;
      H5E_auto2_t now = nullptr;
      void* now_data = nullptr;
      H5Eget_auto2(H5E_DEFAULT, &now, &now_data);
      EXPECT_EQ(now, nullptr);
    }
    H5E_auto2_t now = nullptr;
    void* now_data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &now, &now_data);
    EXPECT_EQ(now, nullptr);
  }
  H5E_auto2_t after = nullptr;
  void* after_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &after, &after_data);
  EXPECT_EQ(after, before);
  EXPECT_EQ(after_data, before_data);
}

}  // namespace
}  // namespace sim::io
