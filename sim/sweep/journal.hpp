#pragma once
// An append-only journal of finished runs: the crash-safe record a sweep resumes from.
//
// File layout: the 8-byte magic "CSJRNL01", then records. A record is a 4-byte little-endian
// payload length, the 8-byte FNV-1a 64 checksum of the payload, then the payload. The first
// record is the header (what the journal belongs to); every later record is one run.
// Each append is written whole before append() returns, so a killed process (kill -9, a job time
// limit) loses no appended record. Records reach the disk with fsync: after each append, or -- to
// keep a fast sweep from waiting on the disk -- at most `sync_interval` after it (group commit),
// so a power failure or kernel crash loses at most that much recent work. Either way the journal
// is a prefix of the appended records, possibly followed by one torn record; a writer reopened
// for appending cuts that tail off first. A record damaged in the middle (a flipped byte, a bad
// sector) loses only itself: readers skip to the next intact record (found by its length and
// checksum) and count the skipped bytes (damaged_bytes). A length field is never trusted beyond
// the file's size.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <span>

#include "sim/input_error.hpp"
#include "sim/sweep/bytes.hpp"

namespace sim::sweep {

// Reads a journal sequentially (next) or by offset (read_at).
class JournalReader {
 public:
  // Throws std::runtime_error when the file cannot be read, sim::InputError when it is not a
  // journal or has no intact header, and TornJournalHeader (an InputError) when the file ends
  // before its header is complete (a process killed, or a disk full, while creating it).
  explicit JournalReader(const std::filesystem::path& path);
  ~JournalReader();
  JournalReader(const JournalReader&) = delete;
  JournalReader& operator=(const JournalReader&) = delete;

  const Bytes& header() const { return header_; }
  const std::filesystem::path& path() const { return path_; }

  // The next intact record after the header, skipping damaged bytes before it; false at the end
  // of the file or when no intact record follows. `offset` (optional) receives the record's
  // position for read_at().
  bool next(Bytes& payload, std::uint64_t* offset = nullptr);
  // Byte offset just past the last intact record read so far.
  std::uint64_t valid_end() const { return position_; }
  // After next() returned false: bytes after valid_end() (a torn or corrupt tail), 0 when clean.
  std::uint64_t trailing_bytes() const;
  // Bytes skipped so far between intact records (damaged records in the middle), 0 when clean.
  std::uint64_t damaged_bytes() const { return damaged_bytes_; }

  // The record at `offset` (from next()); throws when it is not intact.
  Bytes read_at(std::uint64_t offset) const;

 private:
  enum class Status { Ok, End, Bad };
  Status read_record(std::uint64_t offset, Bytes& payload, std::uint64_t& end) const;
  // The first offset at or after `from` holding an intact record (read into payload / end).
  bool find_record(std::uint64_t from, Bytes& payload, std::uint64_t& at, std::uint64_t& end) const;
  std::uint64_t file_size() const;

  std::filesystem::path path_;
  int fd_ = -1;
  Bytes header_;
  std::uint64_t position_ = 0;
  std::uint64_t damaged_bytes_ = 0;
};

// A journal whose header was never completely written: it holds no run, so a resumed sweep may
// start it over.
class TornJournalHeader : public InputError {
 public:
  explicit TornJournalHeader(const std::string& message) : std::runtime_error(message) {}
};

// Appends records, holding an exclusive lock (flock) on the file while open, so two processes
// never write the same journal (a second `--force` sweep on the same output is refused while the
// first runs or assembles its results, instead of truncating its journal).
class JournalWriter {
 public:
  // A new journal holding `header`; refuses an existing file unless `overwrite` (sim::OutputExists).
  static JournalWriter create(const std::filesystem::path& path, std::span<const unsigned char> header,
                              bool overwrite);
  // Reopens a journal for appending after its last intact record (`valid_end` from a
  // JournalReader that read to the end), discarding any torn tail.
  static JournalWriter reopen(const std::filesystem::path& path, std::uint64_t valid_end);

  ~JournalWriter();
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // fsync after a record once this long has passed since the last fsync; zero (the default)
  // syncs every record.
  void set_sync_interval(std::chrono::milliseconds interval) { sync_interval_ = interval; }

  // Writes one record (and fsyncs it, see set_sync_interval). Not thread-safe: callers serialize
  // appends.
  void append(std::span<const unsigned char> payload);
  // fsyncs what has been appended.
  void sync();
  // Syncs and closes the file (releasing the lock); further appends throw.
  void close();

 private:
  JournalWriter(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::filesystem::path path_;
  int fd_ = -1;
  std::chrono::milliseconds sync_interval_{0};
  std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
  bool unsynced_ = false;
};

}  // namespace sim::sweep
