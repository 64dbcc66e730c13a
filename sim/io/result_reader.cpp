#include <hdf5_hl.h>

#include <stdexcept>

#include "sim/input_error.hpp"
#include "sim/io/hdf5_detail.hpp"
#include "sim/io/result_file.hpp"

namespace sim::io {
namespace {

std::string normalise(std::string_view path) {
  if (path.empty()) return "/";
  std::string full;
  if (path.front() != '/') full = "/";
  return full.append(path);
}

std::size_t element_count(const std::vector<std::size_t>& shape) {
  std::size_t count = 1;
  for (std::size_t extent : shape) count *= extent;
  return count;
}

ObjectHandle open_object(hid_t file, const std::string& path) {
  return {H5Oopen(file, path.c_str(), H5P_DEFAULT), "H5Oopen", path};
}

template <class T>
VariableData<T> read_numeric(hid_t file, const std::string& path, hid_t memory_type) {
  const DatasetHandle dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "H5Dopen2", path);
  VariableData<T> result;
  const auto e = detail::extents(dataset.get(), path);
  std::size_t count = 1;
  for (hsize_t d : e.dims) {
    result.shape.push_back(static_cast<std::size_t>(d));
    count *= static_cast<std::size_t>(d);
  }
  result.values.resize(count);
  if (count > 0) {
    check_status(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, result.values.data()),
                 "H5Dread", path);
  }
  return result;
}

}  // namespace

ResultReader::ResultReader(const std::filesystem::path& path) : name_(path.string()) {
  const ScopedErrorSilence silence;
  if (!std::filesystem::exists(path)) throw InputError(name_ + " does not exist");
  if (std::filesystem::is_directory(path)) throw InputError(name_ + " is a directory, not a results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw InputError(name_ + " is not a coachsim results file (not an HDF5 file)");
  }
  try {
    file_ = FileHandle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", name_);
  } catch (const std::runtime_error& e) {
    throw InputError(name_ + " is not a readable results file (damaged or truncated): " + e.what());
  }
}

namespace {

// Calls visit(name, object) for every object linked from `group`, in link order.
template <class Visit>
void for_each_object(hid_t file, std::string_view group, Visit visit) {
  const std::string path = normalise(group);
  const GroupHandle handle(H5Gopen2(file, path.c_str(), H5P_DEFAULT), "H5Gopen2", path);
  for (const auto& name : detail::link_names(handle.get(), path)) {
    const ObjectHandle object(H5Oopen(handle.get(), name.c_str(), H5P_DEFAULT), "H5Oopen", name);
    visit(name, object.get());
  }
}

bool is_scale_dataset(hid_t object, const std::string& name) {
  return H5Iget_type(object) == H5I_DATASET && check_tri(H5DSis_scale(object), "H5DSis_scale", name);
}

}  // namespace

std::vector<std::string> ResultReader::groups(std::string_view group) const {
  const ScopedErrorSilence silence;
  std::vector<std::string> result;
  for_each_object(file_.get(), group, [&](const std::string& name, hid_t object) {
    if (H5Iget_type(object) == H5I_GROUP) result.push_back(name);
  });
  return result;
}

std::vector<DimensionInfo> ResultReader::dimensions(std::string_view group) const {
  const ScopedErrorSilence silence;
  std::vector<DimensionInfo> result;
  for_each_object(file_.get(), group, [&](const std::string& name, hid_t object) {
    if (!is_scale_dataset(object, name)) return;
    const auto e = detail::extents(object, name);
    if (e.dims.size() != 1) return;
    result.push_back({name, static_cast<std::size_t>(e.dims[0]), !detail::is_not_a_variable(object, name)});
  });
  return result;
}

std::vector<std::string> ResultReader::variables(std::string_view group) const {
  const ScopedErrorSilence silence;
  std::vector<std::string> result;
  for_each_object(file_.get(), group, [&](const std::string& name, hid_t object) {
    if (H5Iget_type(object) == H5I_DATASET && !is_scale_dataset(object, name)) result.push_back(name);
  });
  return result;
}

bool ResultReader::has_object(std::string_view path) const {
  const ScopedErrorSilence silence;
  const std::string full = normalise(path);
  if (full == "/") return true;
  return H5LTpath_valid(file_.get(), full.c_str(), 1) > 0;
}

bool ResultReader::has_attribute(std::string_view object, std::string_view name) const {
  const ScopedErrorSilence silence;
  const std::string path = normalise(object);
  const ObjectHandle handle = open_object(file_.get(), path);
  return check_tri(H5Aexists(handle.get(), std::string(name).c_str()), "H5Aexists", path);
}

Attributes ResultReader::attributes(std::string_view object) const {
  const ScopedErrorSilence silence;
  const std::string path = normalise(object);
  const ObjectHandle handle = open_object(file_.get(), path);
  Attributes result;
  for (const auto& name : detail::attribute_names(handle.get(), path)) {
    if (detail::is_bookkeeping_attribute(name)) continue;
    if (auto value = detail::read_attribute(handle.get(), path, name))
      result.emplace_back(name, std::move(*value));
  }
  return result;
}

std::string ResultReader::read_string_attribute(std::string_view object, std::string_view name) const {
  const ScopedErrorSilence silence;
  const std::string path = normalise(object);
  const ObjectHandle handle = open_object(file_.get(), path);
  const auto value = detail::read_attribute(handle.get(), path, name);
  if (const auto* text = value ? std::get_if<std::string>(&*value) : nullptr) return *text;
  throw std::runtime_error(path + "@" + std::string(name) + " is not a string");
}

double ResultReader::read_double_attribute(std::string_view object, std::string_view name) const {
  const ScopedErrorSilence silence;
  const std::string path = normalise(object);
  const ObjectHandle handle = open_object(file_.get(), path);
  const auto value = detail::read_attribute(handle.get(), path, name);
  if (const auto* number = value ? std::get_if<double>(&*value) : nullptr) return *number;
  if (const auto* number = value ? std::get_if<std::int64_t>(&*value) : nullptr) {
    return static_cast<double>(*number);
  }
  throw std::runtime_error(path + "@" + std::string(name) + " is not a number");
}

std::int64_t ResultReader::read_int64_attribute(std::string_view object, std::string_view name) const {
  const ScopedErrorSilence silence;
  const std::string path = normalise(object);
  const ObjectHandle handle = open_object(file_.get(), path);
  const auto value = detail::read_attribute(handle.get(), path, name);
  if (const auto* number = value ? std::get_if<std::int64_t>(&*value) : nullptr) return *number;
  throw std::runtime_error(path + "@" + std::string(name) + " is not an integer");
}

VariableInfo ResultReader::variable_info(std::string_view path) const {
  const ScopedErrorSilence silence;
  const std::string full = normalise(path);
  const DatasetHandle dataset(H5Dopen2(file_.get(), full.c_str(), H5P_DEFAULT), "H5Dopen2", full);
  if (detail::is_not_a_variable(dataset.get(), full)) {
    throw std::runtime_error("'" + full + "' is a dimension without coordinates, not a variable");
  }
  const DatatypeHandle type(H5Dget_type(dataset.get()), "H5Dget_type", full);
  VariableInfo info{detail::base_name(full), detail::element_type_of(type.get(), full), {}, {}};
  const auto e = detail::extents(dataset.get(), full);
  const bool scale = check_tri(H5DSis_scale(dataset.get()), "H5DSis_scale", full);
  bool consistent = true;
  std::string shape_text, dims_text;
  for (std::size_t axis = 0; axis < e.dims.size(); ++axis) {
    info.shape.push_back(static_cast<std::size_t>(e.dims[axis]));
    shape_text += (axis == 0 ? "" : ", ") + std::to_string(e.dims[axis]);
    if (scale) {  // a coordinate variable is its own dimension
      info.dims.push_back(info.name);
      dims_text += (axis == 0 ? "" : ", ") + info.name + "=" + std::to_string(e.dims[axis]);
      continue;
    }
    const auto scale_path = detail::attached_scale_path(dataset.get(), static_cast<unsigned>(axis));
    info.dims.push_back(scale_path ? detail::base_name(*scale_path) : std::string());
    if (!scale_path) {
      dims_text += (axis == 0 ? "" : ", ") + std::string("?");
      continue;
    }
    // The dimension's own length (its scale's extent) must be the variable's extent on that axis:
    // a reader sizes its buffers from one and HDF5 fills them from the other.
    const DatasetHandle dimension(H5Dopen2(file_.get(), scale_path->c_str(), H5P_DEFAULT), "H5Dopen2", *scale_path);
    const auto d = detail::extents(dimension.get(), *scale_path);
    const hsize_t length = d.dims.size() == 1 ? d.dims[0] : 0;
    dims_text += (axis == 0 ? "" : ", ") + info.dims.back() + "=" + std::to_string(length);
    if (d.dims.size() != 1 || length != e.dims[axis]) consistent = false;
  }
  if (!consistent) {
    throw InputError(name_ + ": variable " + info.name + " has shape (" + shape_text + ") but its dimensions say (" +
                     dims_text + ")");
  }
  return info;
}

VariableData<double> ResultReader::read_doubles(std::string_view path) const {
  const VariableInfo info = variable_info(path);
  if (info.type == ElementType::String)
    throw std::runtime_error("'" + info.name + "' holds strings, not numbers");
  const ScopedErrorSilence silence;
  auto data = read_numeric<double>(file_.get(), normalise(path), H5T_NATIVE_DOUBLE);
  if (data.shape != info.shape) throw InputError(name_ + ": variable " + info.name + " changed shape while read");
  data.dims = info.dims;
  return data;
}

VariableData<std::int64_t> ResultReader::read_int64s(std::string_view path) const {
  const VariableInfo info = variable_info(path);
  if (info.type == ElementType::String || info.type == ElementType::Float64 ||
      info.type == ElementType::Float32) {
    throw std::runtime_error("'" + info.name + "' does not hold integers");
  }
  const ScopedErrorSilence silence;
  auto data = read_numeric<std::int64_t>(file_.get(), normalise(path), H5T_NATIVE_INT64);
  if (data.shape != info.shape) throw InputError(name_ + ": variable " + info.name + " changed shape while read");
  data.dims = info.dims;
  return data;
}

VariableData<std::string> ResultReader::read_strings(std::string_view path) const {
  const VariableInfo info = variable_info(path);
  const ScopedErrorSilence silence;
  const std::string full = normalise(path);
  const DatasetHandle dataset(H5Dopen2(file_.get(), full.c_str(), H5P_DEFAULT), "H5Dopen2", full);
  auto values = detail::read_string_values(dataset.get(), full);
  if (values.size() != element_count(info.shape)) {
    throw InputError(name_ + ": variable " + info.name + " holds " + std::to_string(values.size()) +
                     " values, not the " + std::to_string(element_count(info.shape)) + " of its shape");
  }
  return {std::move(values), info.dims, info.shape};
}

}  // namespace sim::io
