#pragma once
// RAII owners for HDF5 identifiers (hid_t) and error checking for the HDF5 C API.
// Every failed call throws std::runtime_error naming the call, the object and HDF5's own
// innermost message; HDF5's automatic printing of its error stack is switched off by
// ScopedErrorSilence around the library's entry points, so nothing is printed to stderr.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

namespace sim::io {

// Throws std::runtime_error("HDF5 <call> failed for '<object>': <HDF5 message>"); an I/O failure
// with an operating-system cause gives that cause instead ("No space left on device").
// Linking this file also switches off HDF5's atexit handler (H5dont_atexit), which crashes after a
// failed close.
[[noreturn]] void throw_hdf5_error(std::string_view call, std::string_view object);

// Returns `id`, or throws when it is negative (HDF5's failure value).
hid_t check_id(hid_t id, std::string_view call, std::string_view object);
// Returns `status`, or throws when it is negative.
herr_t check_status(herr_t status, std::string_view call, std::string_view object);
// For H5*exists / H5*is_* calls: true, false, or throws when negative.
bool check_tri(htri_t result, std::string_view call, std::string_view object);

// Switches off HDF5's automatic error-stack printing on this thread for the object's lifetime
// and restores the previous handler afterwards. Nests.
class ScopedErrorSilence {
 public:
  ScopedErrorSilence() noexcept;
  ~ScopedErrorSilence();
  ScopedErrorSilence(const ScopedErrorSilence&) = delete;
  ScopedErrorSilence& operator=(const ScopedErrorSilence&) = delete;

 private:
  H5E_auto2_t previous_func_ = nullptr;
  void* previous_data_ = nullptr;
};

// Owns one identifier and closes it with Close. Move-only.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`; throws (naming call and object) when `id` is negative.
  Handle(hid_t id, std::string_view call, std::string_view object) : id_(check_id(id, call, object)) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, kInvalid)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, kInvalid);
    }
    return *this;
  }

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }
  explicit operator bool() const noexcept { return valid(); }

  // Closes now and throws if HDF5 reports a failure (for files, where closing flushes).
  void close(std::string_view object) {
    if (valid()) check_status(Close(std::exchange(id_, kInvalid)), "close", object);
  }
  // Closes now, ignoring failures (used by the destructor).
  void reset() noexcept {
    if (valid()) {
      ScopedErrorSilence silence;
      static_cast<void>(Close(std::exchange(id_, kInvalid)));
    }
  }

 private:
  static constexpr hid_t kInvalid = -1;
  hid_t id_ = kInvalid;
};

using FileHandle = Handle<H5Fclose>;
using GroupHandle = Handle<H5Gclose>;
using DatasetHandle = Handle<H5Dclose>;
using DataspaceHandle = Handle<H5Sclose>;
using DatatypeHandle = Handle<H5Tclose>;
using AttributeHandle = Handle<H5Aclose>;
using PropertyListHandle = Handle<H5Pclose>;
using ObjectHandle = Handle<H5Oclose>;  // any object opened with H5Oopen

// The full HDF5 path of an open object ("/group/name"), or "" when it has none.
std::string object_path(hid_t id);

}  // namespace sim::io
