#pragma once
// Little-endian binary encoding of journal and message payloads: the same bytes on every host.
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sim::sweep {

using Bytes = std::vector<unsigned char>;

class ByteWriter {
 public:
  ByteWriter& u8(std::uint8_t value) {
    bytes_.push_back(value);
    return *this;
  }
  ByteWriter& u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<unsigned char>(value >> (8 * i)));
    return *this;
  }
  ByteWriter& f64(double value) { return u64(std::bit_cast<std::uint64_t>(value)); }
  ByteWriter& text(std::string_view s) {
    u64(s.size());
    bytes_.insert(bytes_.end(), s.begin(), s.end());
    return *this;
  }
  ByteWriter& f64s(std::span<const double> values) {
    u64(values.size());
    for (double v : values) f64(v);
    return *this;
  }
  const Bytes& bytes() const { return bytes_; }
  Bytes take() { return std::move(bytes_); }

 private:
  Bytes bytes_;
};

// Reads what a ByteWriter wrote; throws std::runtime_error when the payload ends early.
class ByteReader {
 public:
  explicit ByteReader(std::span<const unsigned char> bytes) : bytes_(bytes) {}

  std::uint8_t u8() { return take(1)[0]; }
  std::uint64_t u64() {
    const auto part = take(8);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(part[static_cast<std::size_t>(i)]) << (8 * i);
    return value;
  }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string text() {
    const auto part = take(length());
    return std::string(part.begin(), part.end());
  }
  std::vector<double> f64s() {
    std::vector<double> values(length_of(8));
    for (double& v : values) v = f64();
    return values;
  }
  bool done() const { return position_ == bytes_.size(); }

 private:
  std::size_t length() { return length_of(1); }
  std::size_t length_of(std::size_t element_bytes) {
    const std::uint64_t n = u64();
    if (n > (bytes_.size() - position_) / element_bytes) throw std::runtime_error("payload truncated");
    return static_cast<std::size_t>(n);
  }
  std::span<const unsigned char> take(std::size_t n) {
    if (n > bytes_.size() - position_) throw std::runtime_error("payload truncated");
    const auto part = bytes_.subspan(position_, n);
    position_ += n;
    return part;
  }
  std::span<const unsigned char> bytes_;
  std::size_t position_ = 0;
};

}  // namespace sim::sweep
