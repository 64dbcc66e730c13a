#include "sim/sweep/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/input_error.hpp"
#include "sim/io/file_system.hpp"
#include "sim/sweep/fnv_hash.hpp"

namespace sim::sweep {
namespace {

constexpr unsigned char kMagic[8] = {'C', 'S', 'J', 'R', 'N', 'L', '0', '1'};
constexpr std::size_t kRecordHead = 4 + 8;               // length, checksum
constexpr std::uint64_t kMaxPayload = std::uint64_t{1} << 31;

std::runtime_error system_error(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

std::uint64_t checksum(std::span<const unsigned char> payload) { return Fnv1a64().bytes(payload).value(); }

std::uint64_t little_endian(const unsigned char* bytes, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i) value |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
  return value;
}

// Reads exactly `size` bytes at `offset`; false when the file ends first.
bool read_exactly(int fd, std::uint64_t offset, unsigned char* into, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, into + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("cannot read journal: ") + std::strerror(errno));
    if (n == 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void write_all(int fd, const unsigned char* data, std::size_t size, const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw system_error("cannot write", path);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

Bytes encode_record(std::span<const unsigned char> payload) {
  if (payload.size() >= kMaxPayload) throw std::invalid_argument("journal record too large");
  Bytes record;
  record.reserve(kRecordHead + payload.size());
  for (int i = 0; i < 4; ++i) record.push_back(static_cast<unsigned char>(payload.size() >> (8 * i)));
  const std::uint64_t sum = checksum(payload);
  for (int i = 0; i < 8; ++i) record.push_back(static_cast<unsigned char>(sum >> (8 * i)));
  record.insert(record.end(), payload.begin(), payload.end());
  return record;
}

int open_locked(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) throw system_error("cannot open journal", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw InputError("journal " + path.string() + " is in use by another process");
  }
  return fd;
}

void sync_file(int fd, const std::filesystem::path& path) {
  if (::fsync(fd) != 0) throw system_error("cannot fsync", path);
}

}  // namespace

// ------------------------------------------------------------------------------------ JournalReader

JournalReader::JournalReader(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw system_error("cannot open journal", path);
  unsigned char magic[sizeof kMagic];
  if (!read_exactly(fd_, 0, magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    ::close(fd_);
    throw InputError(path.string() + " is not a coachsim sweep journal or shard");
  }
  std::uint64_t end = 0;
  if (read_record(sizeof kMagic, header_, end) != Status::Ok) {
    ::close(fd_);
    throw InputError(path.string() + ": the journal header is damaged");
  }
  position_ = end;
}

JournalReader::~JournalReader() {
  if (fd_ >= 0) ::close(fd_);
}

JournalReader::Status JournalReader::read_record(std::uint64_t offset, Bytes& payload, std::uint64_t& end) const {
  unsigned char head[kRecordHead];
  if (!read_exactly(fd_, offset, head, 1)) return Status::End;
  if (!read_exactly(fd_, offset, head, kRecordHead)) return Status::Bad;
  const std::uint64_t length = little_endian(head, 4);
  const std::uint64_t sum = little_endian(head + 4, 8);
  if (length >= kMaxPayload) return Status::Bad;
  // A length field is never trusted beyond the file: a damaged one must not allocate gigabytes.
  struct stat info {};
  if (::fstat(fd_, &info) != 0) throw system_error("cannot stat", path_);
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size < offset + kRecordHead || length > size - offset - kRecordHead) return Status::Bad;
  payload.resize(static_cast<std::size_t>(length));
  if (!read_exactly(fd_, offset + kRecordHead, payload.data(), payload.size())) return Status::Bad;
  if (checksum(payload) != sum) return Status::Bad;
  end = offset + kRecordHead + length;
  return Status::Ok;
}

bool JournalReader::next(Bytes& payload, std::uint64_t* offset) {
  std::uint64_t end = 0;
  if (read_record(position_, payload, end) != Status::Ok) return false;
  if (offset != nullptr) *offset = position_;
  position_ = end;
  return true;
}

std::uint64_t JournalReader::trailing_bytes() const {
  struct stat info {};
  if (::fstat(fd_, &info) != 0) throw system_error("cannot stat", path_);
  const auto size = static_cast<std::uint64_t>(info.st_size);
  return size > position_ ? size - position_ : 0;
}

Bytes JournalReader::read_at(std::uint64_t offset) const {
  Bytes payload;
  std::uint64_t end = 0;
  if (read_record(offset, payload, end) != Status::Ok) {
    throw std::runtime_error(path_.string() + ": damaged record at byte " + std::to_string(offset));
  }
  return payload;
}

// ------------------------------------------------------------------------------------ JournalWriter

JournalWriter JournalWriter::create(const std::filesystem::path& path, std::span<const unsigned char> header,
                                    bool overwrite) {
  io::refuse_existing(path, overwrite);
  JournalWriter writer(path, open_locked(path, O_WRONLY | O_CREAT));
  if (::ftruncate(writer.fd_, 0) != 0) throw system_error("cannot truncate", path);
  write_all(writer.fd_, kMagic, sizeof kMagic, path);
  writer.append(header);
  io::sync_directory_of(path);
  return writer;
}

JournalWriter JournalWriter::reopen(const std::filesystem::path& path, std::uint64_t valid_end) {
  JournalWriter writer(path, open_locked(path, O_WRONLY));
  if (::ftruncate(writer.fd_, static_cast<off_t>(valid_end)) != 0) throw system_error("cannot truncate", path);
  if (::lseek(writer.fd_, static_cast<off_t>(valid_end), SEEK_SET) < 0) throw system_error("cannot seek", path);
  sync_file(writer.fd_, path);
  return writer;
}

JournalWriter::~JournalWriter() {
  try {
    close();
  } catch (const std::exception&) {  // a destructor must not throw; close() explicitly to see errors
  }
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      sync_interval_(other.sync_interval_),
      last_sync_(other.last_sync_),
      unsynced_(std::exchange(other.unsynced_, false)) {}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    sync_interval_ = other.sync_interval_;
    last_sync_ = other.last_sync_;
    unsynced_ = std::exchange(other.unsynced_, false);
  }
  return *this;
}

void JournalWriter::append(std::span<const unsigned char> payload) {
  if (fd_ < 0) throw std::logic_error("journal " + path_.string() + " is closed");
  const Bytes record = encode_record(payload);
  write_all(fd_, record.data(), record.size(), path_);
  unsynced_ = true;
  if (std::chrono::steady_clock::now() - last_sync_ >= sync_interval_) sync();
}

void JournalWriter::sync() {
  if (fd_ < 0 || !unsynced_) return;
  sync_file(fd_, path_);
  unsynced_ = false;
  last_sync_ = std::chrono::steady_clock::now();
}

void JournalWriter::close() {
  if (fd_ < 0) return;
  sync();
  ::close(std::exchange(fd_, -1));  // closing releases the flock
}

}  // namespace sim::sweep
