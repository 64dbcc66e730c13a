#include "sim/io/hdf5_handles.hpp"

#include <stdexcept>

namespace sim::io {
namespace {

// Keeps the innermost (first pushed) error description, which names the actual cause.
herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* data) {
  auto* message = static_cast<std::string*>(data);
  if (n == 0 && error != nullptr && error->desc != nullptr) *message = error->desc;
  return 0;
}

}  // namespace

void throw_hdf5_error(std::string_view call, std::string_view object) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &detail);
  H5Eclear2(H5E_DEFAULT);
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
