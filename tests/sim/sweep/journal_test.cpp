// The run journal: records survive, a torn or corrupt tail is cut off, one writer at a time.
#include "sim/sweep/journal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/input_error.hpp"
#include "sim/sweep/shard.hpp"
#include "tests/sim/io/io_test_support.hpp"

namespace sim::sweep {
namespace {

class JournalTest : public io::testing::TempDirTest {};

Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

std::vector<std::string> read_all(const std::filesystem::path& path, std::uint64_t* valid_end = nullptr,
                                  std::uint64_t* trailing = nullptr) {
  JournalReader reader(path);
  std::vector<std::string> records;
  Bytes payload;
  while (reader.next(payload)) records.emplace_back(payload.begin(), payload.end());
  if (valid_end) *valid_end = reader.valid_end();
  if (trailing) *trailing = reader.trailing_bytes();
  return records;
}

TEST_F(JournalTest, RecordsAreReadBackInOrderAndByOffset) {
  {
    auto writer = JournalWriter::create(path("j"), bytes_of("header"), false);
    writer.append(bytes_of("one"));
    writer.append(bytes_of(""));
    writer.append(bytes_of(std::string(100000, 'x')));
  }
  JournalReader reader(path("j"));
  EXPECT_EQ(reader.header(), bytes_of("header"));
  Bytes payload;
  std::vector<std::uint64_t> offsets;
  std::uint64_t offset = 0;
  while (reader.next(payload, &offset)) offsets.push_back(offset);
  ASSERT_EQ(offsets.size(), 3u);
  EXPECT_EQ(reader.trailing_bytes(), 0u);
  EXPECT_EQ(reader.read_at(offsets[0]), bytes_of("one"));
  EXPECT_EQ(reader.read_at(offsets[1]), Bytes{});
  EXPECT_EQ(reader.read_at(offsets[2]).size(), 100000u);
}

TEST_F(JournalTest, RefusesToOverwriteUnlessAsked) {
  { auto writer = JournalWriter::create(path("j"), bytes_of("h"), false); }
  EXPECT_THROW(JournalWriter::create(path("j"), bytes_of("h"), false), OutputExists);
  { auto writer = JournalWriter::create(path("j"), bytes_of("h2"), true); }
  EXPECT_EQ(JournalReader(path("j")).header(), bytes_of("h2"));
}

TEST_F(JournalTest, ATornTailIsIgnoredAndCutOffOnReopen) {
  {
    auto writer = JournalWriter::create(path("j"), bytes_of("h"), false);
    writer.append(bytes_of("first"));
    writer.append(bytes_of("second"));
  }
  const auto intact = std::filesystem::file_size(path("j"));
  {  // a record cut short by kill -9: a length and checksum, half a payload
    std::ofstream out(path("j"), std::ios::binary | std::ios::app);
    const unsigned char head[12] = {100, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    out.write(reinterpret_cast<const char*>(head), sizeof head);
    out << "partial";
  }
  std::uint64_t valid_end = 0, trailing = 0;
  EXPECT_EQ(read_all(path("j"), &valid_end, &trailing), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(valid_end, intact);
  EXPECT_EQ(trailing, 12u + 7u);
  {
    auto writer = JournalWriter::reopen(path("j"), valid_end);
    writer.append(bytes_of("third"));
  }
  EXPECT_EQ(read_all(path("j"), nullptr, &trailing), (std::vector<std::string>{"first", "second", "third"}));
  EXPECT_EQ(trailing, 0u);
}

// Overwrites one byte of a file.
void flip_byte(const std::filesystem::path& file, std::uint64_t at) {
  std::fstream out(file, std::ios::binary | std::ios::in | std::ios::out);
  out.seekg(static_cast<std::streamoff>(at));
  const char old = static_cast<char>(out.get());
  out.seekp(static_cast<std::streamoff>(at));
  out.put(static_cast<char>(old ^ 0x5a));
}

TEST_F(JournalTest, AFlippedByteLosesOnlyItsOwnRecord) {
  std::vector<std::uint64_t> ends;
  {
    auto writer = JournalWriter::create(path("j"), bytes_of("h"), false);
    for (const char* text : {"first", "second", "third", "fourth"}) {
      writer.append(bytes_of(text));
      writer.sync();
      ends.push_back(std::filesystem::file_size(path("j")));
    }
  }
  flip_byte(path("j"), ends[1] - 3);  // in the second record's payload
  JournalReader reader(path("j"));
  Bytes payload;
  std::vector<std::string> records;
  std::vector<std::uint64_t> offsets;
  std::uint64_t offset = 0;
  while (reader.next(payload, &offset)) {
    records.emplace_back(payload.begin(), payload.end());
    offsets.push_back(offset);
  }
  EXPECT_EQ(records, (std::vector<std::string>{"first", "third", "fourth"}));
  EXPECT_EQ(reader.damaged_bytes(), ends[1] - ends[0]);
  EXPECT_EQ(reader.trailing_bytes(), 0u);
  EXPECT_EQ(reader.valid_end(), ends[3]);
  EXPECT_EQ(reader.read_at(offsets[1]), bytes_of("third"));
  EXPECT_THROW(reader.read_at(ends[0]), std::runtime_error);
}

TEST_F(JournalTest, ADamagedLengthIsNotTrustedBeyondTheFile) {
  std::uint64_t first_end = 0;
  {
    auto writer = JournalWriter::create(path("j"), bytes_of("h"), false);
    writer.append(bytes_of("first"));
    writer.sync();
    first_end = std::filesystem::file_size(path("j"));
    writer.append(bytes_of("second"));
    writer.append(bytes_of("third"));
  }
  flip_byte(path("j"), first_end + 3);  // the second record's length becomes ~1.5 GB
  EXPECT_EQ(read_all(path("j")), (std::vector<std::string>{"first", "third"}));
}

TEST_F(JournalTest, AHeaderCutShortIsReportedAsTorn) {
  { auto writer = JournalWriter::create(path("j"), bytes_of(std::string(100, 'h')), false); }
  const auto size = std::filesystem::file_size(path("j"));
  for (const std::uint64_t keep : {std::uint64_t{0}, std::uint64_t{3}, std::uint64_t{8}, std::uint64_t{14}, size - 1}) {
    std::filesystem::copy_file(path("j"), path("cut"), std::filesystem::copy_options::overwrite_existing);
    std::filesystem::resize_file(path("cut"), keep);
    EXPECT_THROW(JournalReader(path("cut")), TornJournalHeader) << keep;
  }
  flip_byte(path("j"), 20);  // complete but damaged: not torn
  try {
    JournalReader reader(path("j"));
    FAIL() << "a damaged header was accepted";
  } catch (const TornJournalHeader&) {
    FAIL() << "a complete header was reported as torn";
  } catch (const InputError&) {
  }
}

TEST_F(JournalTest, RejectsFilesThatAreNotJournals) {
  { std::ofstream(path("not")) << "hello world, not a journal"; }
  EXPECT_THROW(JournalReader(path("not")), InputError);
  EXPECT_THROW(JournalReader(path("absent")), std::runtime_error);
}

TEST_F(JournalTest, OnlyOneWriterAtATime) {
  auto writer = JournalWriter::create(path("j"), bytes_of("h"), false);
  EXPECT_THROW(JournalWriter::reopen(path("j"), 0), std::runtime_error);
  writer.close();
  EXPECT_NO_THROW(JournalWriter::reopen(path("j"), std::filesystem::file_size(path("j"))));
}

TEST_F(JournalTest, ALengthFieldBeyondTheFileIsNotTrusted) {
  {
    auto writer = JournalWriter::create(path("j"), bytes_of("header"), false);
    writer.append(bytes_of("one"));
  }
  const auto size = std::filesystem::file_size(path("j"));
  {
    std::fstream file(path("j"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size - 3 - 12));  // the run record's length field
    const char huge[4] = {'\xff', '\xff', '\xff', '\x7f'};
    file.write(huge, 4);
  }
  std::uint64_t valid_end = 0;
  std::uint64_t trailing = 0;
  EXPECT_TRUE(read_all(path("j"), &valid_end, &trailing).empty());
  EXPECT_EQ(trailing, 3u + 12u);
}

TEST(Shard, ParsesZeroBasedKOfN) {
  EXPECT_EQ(parse_shard("0/4"), (Shard{0, 4}));
  EXPECT_EQ(parse_shard("3/4"), (Shard{3, 4}));
  for (const char* bad : {"4/4", "1/0", "-1/4", "1", "a/b", "1/4x", "/4", ""}) {
    EXPECT_THROW(parse_shard(bad), InputError) << bad;
  }
  const Shard shard{1, 3};
  EXPECT_TRUE(shard.contains(4));
  EXPECT_FALSE(shard.contains(5));
  EXPECT_EQ(run_id(2, 3, 5), 13u);
}

}  // namespace
}  // namespace sim::sweep
