#include "sim/io/hdf5_handles.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace sim::io {
namespace {

// HDF5 closes open files in an atexit handler; after a failed close (a full disk) that handler
// touches half-closed objects and crashes. Switched off before any other HDF5 call (static
// initialisation of this file, which every HDF5 user links): open objects are closed by their
// owners, and the operating system reclaims the rest at exit.
// HDF5 also keeps freed buffers on free lists, one list per block size, without bound by default;
// compressed chunks come in ever new sizes, so a run streaming many replicates would grow by the
// list. Bounded here (1 MiB per kind in all, 256 KiB per list), memory stays flat.
const bool g_no_hdf5_atexit = [] {
  H5dont_atexit();
  constexpr int kGlobal = 1 << 20, kPerList = 1 << 18;
  H5set_free_list_limits(kGlobal, kPerList, kGlobal, kPerList, kGlobal, kPerList);
  return true;
}();

// The operating-system error behind an HDF5 I/O failure ("... errno = 28, error message = ...").
herr_t find_errno(unsigned, const H5E_error2_t* error, void* data) {
  auto* found = static_cast<int*>(data);
  if (*found != 0 || error == nullptr || error->desc == nullptr) return 0;
  if (const char* at = std::strstr(error->desc, "errno = ")) *found = std::atoi(at + 8);
  return 0;
}

// Keeps the innermost (first pushed) error description, which names the actual cause.
herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* data) {
  auto* message = static_cast<std::string*>(data);
  if (n == 0 && error != nullptr && error->desc != nullptr) *message = error->desc;
  return 0;
}

}  // namespace

void throw_hdf5_error(std::string_view call, std::string_view object) {
  static_cast<void>(g_no_hdf5_atexit);
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &detail);
  int system_error = 0;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, find_errno, &system_error);
  H5Eclear2(H5E_DEFAULT);
  if (system_error > 0) detail = std::strerror(system_error);  // "No space left on device", not a dump
  std::string message = "HDF5 ";
  message.append(call).append(" failed for '").append(object).append("'");
  if (!detail.empty()) message.append(": ").append(detail);
  throw std::runtime_error(message);
}

hid_t check_id(hid_t id, std::string_view call, std::string_view object) {
  if (id < 0) throw_hdf5_error(call, object);
  return id;
}

herr_t check_status(herr_t status, std::string_view call, std::string_view object) {
  if (status < 0) throw_hdf5_error(call, object);
  return status;
}

bool check_tri(htri_t result, std::string_view call, std::string_view object) {
  if (result < 0) throw_hdf5_error(call, object);
  return result > 0;
}

ScopedErrorSilence::ScopedErrorSilence() noexcept {
  H5Eget_auto2(H5E_DEFAULT, &previous_func_, &previous_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ScopedErrorSilence::~ScopedErrorSilence() { H5Eset_auto2(H5E_DEFAULT, previous_func_, previous_data_); }

std::string object_path(hid_t id) {
  const ssize_t length = H5Iget_name(id, nullptr, 0);
  if (length <= 0) return {};
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(id, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

}  // namespace sim::io
