// The temporary-file-and-rename protocol of AtomicFile.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/input_error.hpp"
#include "sim/io/result_file.hpp"
#include "tests/sim/io/io_test_support.hpp"

namespace sim::io {
namespace {

class AtomicFileTest : public testing::TempDirTest {
 protected:
  static void write_something(const AtomicFile& file) {
    file.root().add_dimension("arm", std::vector<std::string>{"a", "b"});
    file.root().write_variable("x", {"arm"}, std::vector<double>{1, 2});
  }
  static std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string text;
    for (char c = 0; in.get(c);) text += c;
    return text;
  }
  static void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
  }
};

TEST_F(AtomicFileTest, WritesToTemporaryNameUntilCommit) {
  const auto final_path = path("out.h5");
  auto file = AtomicFile::create(final_path, false);
  EXPECT_EQ(file.temp_path(), path("out.h5.tmp-" + std::to_string(::getpid())));
  write_something(file);
  EXPECT_TRUE(std::filesystem::exists(file.temp_path()));
  EXPECT_FALSE(std::filesystem::exists(final_path));
  file.commit();
  EXPECT_TRUE(file.committed());
  EXPECT_TRUE(std::filesystem::exists(final_path));
  EXPECT_FALSE(std::filesystem::exists(file.temp_path()));
  EXPECT_EQ(ResultReader(final_path).read_doubles("x").values, (std::vector<double>{1, 2}));
}

TEST_F(AtomicFileTest, DestroyedWithoutCommitRemovesTheTemporaryFile) {
  std::filesystem::path temp;
  {
    auto file = AtomicFile::create(path("out.h5"), false);
    temp = file.temp_path();
    write_something(file);
    ASSERT_TRUE(std::filesystem::exists(temp));
  }
  EXPECT_FALSE(std::filesystem::exists(temp));
  EXPECT_FALSE(std::filesystem::exists(path("out.h5")));
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

TEST_F(AtomicFileTest, ExceptionWhileWritingLeavesNothing) {
  try {
    auto file = AtomicFile::create(path("out.h5"), false);
    write_something(file);
    file.root().write_variable("bad", {"arm"}, std::vector<double>{1});
    file.commit();
  } catch (const std::invalid_argument&) {
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

TEST_F(AtomicFileTest, ExistingFileIsRefusedWithoutOverwriteBeforeAnyWork) {
  write_text(path("out.h5"), "old");
  try {
    static_cast<void>(AtomicFile::create(path("out.h5"), false));
    FAIL() << "expected an exception";
  } catch (const OutputExists& e) {
    EXPECT_EQ(std::string(e.what()), path("out.h5").string() + " exists");
    EXPECT_EQ(e.path(), path("out.h5"));
  }
  EXPECT_EQ(read_text(path("out.h5")), "old");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()),
            1);
}

TEST_F(AtomicFileTest, ExistingFileIsReplacedWithOverwrite) {
  write_text(path("out.h5"), "old");
  auto file = AtomicFile::create(path("out.h5"), true);
  write_something(file);
  EXPECT_EQ(read_text(path("out.h5")), "old");  // untouched until commit
  file.commit();
  EXPECT_EQ(ResultReader(path("out.h5")).read_strings("arm").values, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()),
            1);
}

TEST_F(AtomicFileTest, FileAppearingDuringTheRunIsNotReplacedWithoutOverwrite) {
  auto file = AtomicFile::create(path("out.h5"), false);
  write_something(file);
  write_text(path("out.h5"), "someone else's");
  EXPECT_THROW(file.commit(), OutputExists);
  EXPECT_EQ(read_text(path("out.h5")), "someone else's");
  file = AtomicFile::create(path("other.h5"), false);  // move-assignment discards the failed one
  EXPECT_FALSE(std::filesystem::exists(path("out.h5.tmp-" + std::to_string(::getpid()))));
}

TEST_F(AtomicFileTest, MissingDirectoryIsReportedClearly) {
  try {
    static_cast<void>(AtomicFile::create(path("no/such/dir/out.h5"), false));
    FAIL() << "expected an exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

TEST_F(AtomicFileTest, MovedFileCommitsOnce) {
  auto first = AtomicFile::create(path("out.h5"), false);
  write_something(first);
  AtomicFile second(std::move(first));
  second.commit();
  EXPECT_TRUE(std::filesystem::exists(path("out.h5")));
}

TEST_F(AtomicFileTest, KilledProcessLeavesNoFinalFile) {
  const auto final_path = path("out.h5");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    try {
      auto file = AtomicFile::create(final_path, false);
      write_something(file);
      const char byte = 'x';
      if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
      while (true) ::pause();  // killed here, before commit
    } catch (...) {
      ::_exit(3);
    }
  }
  ::close(ready[1]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  const auto temp = path("out.h5.tmp-" + std::to_string(child));
  EXPECT_TRUE(std::filesystem::exists(temp));
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(std::filesystem::exists(final_path));
  EXPECT_TRUE(std::filesystem::exists(temp));  // the stale temporary is all that is left
}

}  // namespace
}  // namespace sim::io
