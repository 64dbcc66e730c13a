#include "sim/io/result_file.hpp"

#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "sim/input_error.hpp"
#include "sim/io/file_system.hpp"
#include "sim/io/hdf5_detail.hpp"
#include "sim/io/temp_files.hpp"

namespace sim::io {

namespace {

constexpr std::size_t kCompressAboveBytes = 4096;
constexpr std::size_t kChunkTargetBytes = 256 * 1024;
// Variables written block by block stay open while a run streams its replicates, each holding its
// current chunk in HDF5's chunk cache: smaller chunks keep that memory small however many replicates.
constexpr std::size_t kStreamedChunkTargetBytes = 64 * 1024;

std::string join(std::string_view group, std::string_view name) {
  std::string path(group);
  if (path.empty() || path.back() != '/') path += '/';
  return path.append(name);
}

void check_name(std::string_view name, std::string_view what) {
  if (name.empty() || name.find('/') != std::string_view::npos || name == "." || name == "..") {
    throw std::invalid_argument("invalid " + std::string(what) + " name '" + std::string(name) + "'");
  }
}

bool link_exists(hid_t location, const std::string& path) {
  return check_tri(H5Lexists(location, path.c_str(), H5P_DEFAULT), "H5Lexists", path);
}

std::size_t product(const std::vector<hsize_t>& dims, std::size_t from = 0) {
  std::size_t n = 1;
  for (std::size_t i = from; i < dims.size(); ++i) n *= static_cast<std::size_t>(dims[i]);
  return n;
}

// Chunk shape: the whole array, halving leading axes until a chunk is at most `target_bytes`.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape, std::size_t element_bytes,
                                 std::size_t target_bytes) {
  std::vector<hsize_t> chunk(shape);
  for (auto& c : chunk) c = std::max<hsize_t>(c, 1);
  while (product(chunk) * element_bytes > target_bytes) {
    auto axis = std::find_if(chunk.begin(), chunk.end(), [](hsize_t c) { return c > 1; });
    if (axis == chunk.end()) break;
    *axis = (*axis + 1) / 2;
  }
  return chunk;
}

struct DatasetSpec {
  hid_t file_type;
  std::size_t element_bytes;
  std::vector<hsize_t> shape;
  std::optional<ElementType> nan_fill;  // floating-point type filled with NaN
  bool streamed = false;                 // written block by block while it stays open
};

DatasetHandle create_dataset(hid_t group, const std::string& name, const std::string& what,
                             const DatasetSpec& spec) {
  PropertyListHandle create(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", what);
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  check_status(H5Pset_attr_creation_order(create.get(), order), "H5Pset_attr_creation_order", what);
  if (spec.nan_fill) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check_status(H5Pset_fill_value(create.get(), H5T_NATIVE_DOUBLE, &nan), "H5Pset_fill_value", what);
  }
  const bool chunked = !spec.shape.empty() && product(spec.shape) * spec.element_bytes > kCompressAboveBytes;
  std::size_t chunk_bytes = 0;
  if (chunked) {
    const auto chunk =
        chunk_shape(spec.shape, spec.element_bytes, spec.streamed ? kStreamedChunkTargetBytes : kChunkTargetBytes);
    chunk_bytes = product(chunk) * spec.element_bytes;
    check_status(H5Pset_chunk(create.get(), static_cast<int>(chunk.size()), chunk.data()), "H5Pset_chunk",
                 what);
    check_status(H5Pset_shuffle(create.get()), "H5Pset_shuffle", what);
    check_status(H5Pset_deflate(create.get(), 4), "H5Pset_deflate", what);
  }
  DataspaceHandle space = spec.shape.empty()
                              ? DataspaceHandle(H5Screate(H5S_SCALAR), "H5Screate", what)
                              : DataspaceHandle(H5Screate_simple(static_cast<int>(spec.shape.size()),
                                                                 spec.shape.data(), spec.shape.data()),
                                                "H5Screate_simple", what);
  PropertyListHandle access(H5Pcreate(H5P_DATASET_ACCESS), "H5Pcreate", what);
  if (spec.streamed && chunked) {
    // Blocks arrive in order along the leading axis, so a chunk once left is complete: the cache
    // needs room for the one chunk being filled (w0 = 1 evicts fully written chunks first).
    check_status(H5Pset_chunk_cache(access.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, chunk_bytes, 1.0),
                 "H5Pset_chunk_cache", what);
  }
  DatasetHandle dataset(
      H5Dcreate2(group, name.c_str(), spec.file_type, space.get(), H5P_DEFAULT, create.get(), access.get()),
      "H5Dcreate2", what);
  if (spec.nan_fill) {  // netCDF readers take the fill value from this attribute
    const DatatypeHandle type = detail::file_type(*spec.nan_fill);
    const DataspaceHandle scalar(H5Screate(H5S_SCALAR), "H5Screate", what);
    const AttributeHandle fill(
        H5Acreate2(dataset.get(), "_FillValue", type.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
        "H5Acreate2", what + "@_FillValue");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check_status(H5Awrite(fill.get(), H5T_NATIVE_DOUBLE, &nan), "H5Awrite", what + "@_FillValue");
  }
  return dataset;
}

struct ResolvedDimension {
  DatasetHandle scale;
  std::string path;
  hsize_t size = 0;
};

// Finds dimension `name` in `group` or the nearest enclosing group.
ResolvedDimension resolve_dimension(hid_t file, std::string group, std::string_view name,
                                    std::string_view variable) {
  while (true) {
    const std::string candidate = join(group, name);
    if (link_exists(file, candidate)) {
      DatasetHandle scale(H5Dopen2(file, candidate.c_str(), H5P_DEFAULT), "H5Dopen2", candidate);
      if (check_tri(H5DSis_scale(scale.get()), "H5DSis_scale", candidate)) {
        const auto e = detail::extents(scale.get(), candidate);
        if (e.dims.size() != 1)
          throw std::runtime_error("dimension '" + candidate + "' is not one-dimensional");
        return {std::move(scale), candidate, e.dims[0]};
      }
    }
    if (group == "/" || group.empty()) break;
    group = group.substr(0, std::max<std::size_t>(group.rfind('/'), 1));
  }
  throw std::runtime_error("variable '" + std::string(variable) + "': no dimension '" + std::string(name) +
                           "' defined");
}

void set_attributes_on(hid_t object, const std::string& what, const Attributes& attributes) {
  for (const auto& [name, value] : attributes) {
    if (detail::is_bookkeeping_attribute(name)) {
      throw std::invalid_argument(what + ": attribute name '" + name + "' is reserved");
    }
    detail::write_attribute(object, what, name, value);
  }
}

}  // namespace

Attributes describe(std::string units, std::string long_name, std::string description) {
  Attributes attributes{{"units", std::move(units)}, {"long_name", std::move(long_name)}};
  if (!description.empty()) attributes.emplace_back("description", std::move(description));
  return attributes;
}

// ---------------------------------------------------------------------------------------------- GroupWriter

GroupWriter GroupWriter::group(std::string_view name) const {
  const ScopedErrorSilence silence;
  std::string path = path_;
  std::size_t begin = 0;
  while (begin <= name.size()) {
    const std::size_t end = std::min(name.find('/', begin), name.size());
    const std::string_view part = name.substr(begin, end - begin);
    check_name(part, "group");
    path = join(path, part);
    if (!link_exists(file_, path)) {
      const PropertyListHandle create = detail::group_creation_properties();
      GroupHandle created(H5Gcreate2(file_, path.c_str(), H5P_DEFAULT, create.get(), H5P_DEFAULT),
                          "H5Gcreate2", path);
    }
    begin = end + 1;
  }
  return GroupWriter(file_, path);
}

void GroupWriter::set_attribute(std::string_view name, const AttributeValue& value) const {
  set_attributes({{std::string(name), value}});
}

void GroupWriter::set_attributes(const Attributes& attributes) const {
  const ScopedErrorSilence silence;
  const GroupHandle group(H5Gopen2(file_, path_.c_str(), H5P_DEFAULT), "H5Gopen2", path_);
  set_attributes_on(group.get(), path_, attributes);
}

void GroupWriter::set_variable_attributes(std::string_view variable, const Attributes& attributes) const {
  const ScopedErrorSilence silence;
  const std::string path = join(path_, variable);
  const DatasetHandle dataset(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), "H5Dopen2", path);
  set_attributes_on(dataset.get(), path, attributes);
}

void GroupWriter::add_dimension(std::string_view name, const std::vector<double>& coordinates,
                                const Attributes& attributes) const {
  add_dimension_impl(name, detail::buffer_of(std::span<const double>(coordinates)), attributes);
}
void GroupWriter::add_dimension(std::string_view name, const std::vector<std::int64_t>& coordinates,
                                const Attributes& attributes) const {
  add_dimension_impl(name, detail::buffer_of(std::span<const std::int64_t>(coordinates)), attributes);
}
void GroupWriter::add_dimension(std::string_view name, const std::vector<std::string>& coordinates,
                                const Attributes& attributes) const {
  add_dimension_impl(name, detail::buffer_of(std::span<const std::string>(coordinates)), attributes);
}

void GroupWriter::add_dimension_impl(std::string_view name, const Buffer& coordinates,
                                     const Attributes& attributes) const {
  const ScopedErrorSilence silence;
  check_name(name, "dimension");
  const std::string path = join(path_, name);
  if (link_exists(file_, path)) throw std::runtime_error("'" + path + "' already exists");
  const GroupHandle group(H5Gopen2(file_, path_.c_str(), H5P_DEFAULT), "H5Gopen2", path_);
  const DatatypeHandle type = detail::file_type(coordinates.type);
  const DatasetHandle dataset = create_dataset(group.get(), std::string(name), path,
                                               {type.get(),
                                                detail::stored_size(coordinates.type),
                                                {coordinates.count},
                                                std::nullopt});
  detail::write_elements(dataset.get(), coordinates, H5S_ALL, H5S_ALL, path);
  check_status(H5DSset_scale(dataset.get(), std::string(name).c_str()), "H5DSset_scale", path);
  set_attributes_on(dataset.get(), path, attributes);
}

void GroupWriter::add_dimension_without_coordinate(std::string_view name, std::size_t size) const {
  const ScopedErrorSilence silence;
  check_name(name, "dimension");
  const std::string path = join(path_, name);
  if (link_exists(file_, path)) throw std::runtime_error("'" + path + "' already exists");
  const GroupHandle group(H5Gopen2(file_, path_.c_str(), H5P_DEFAULT), "H5Gopen2", path_);
  // Like netCDF-C and h5netcdf: a big-endian float dataset that is never written.
  const DatasetHandle dataset =
      create_dataset(group.get(), std::string(name), path,
                     {H5T_IEEE_F32BE, 4, {size}, std::nullopt});
  check_status(H5DSset_scale(dataset.get(), detail::not_a_variable_name(size).c_str()), "H5DSset_scale",
               path);
}

void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const double> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const float> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const std::int64_t> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const std::int32_t> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const std::uint8_t> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable(std::string_view name, const std::vector<std::string>& dims,
                                 std::span<const std::string> data, const Attributes& attributes) const {
  write_variable_impl(name, dims, detail::buffer_of(data), attributes);
}
void GroupWriter::write_variable_impl(std::string_view name, const std::vector<std::string>& dims,
                                      const Buffer& data, const Attributes& attributes) const {
  const ScopedErrorSilence silence;
  const DatasetHandle dataset = create_variable_impl(name, dims, data.type, &data.count, attributes);
  detail::write_elements(dataset.get(), data, H5S_ALL, H5S_ALL, join(path_, name));
}

VariableWriter GroupWriter::create_variable(std::string_view name, const std::vector<std::string>& dims,
                                            ElementType type, const Attributes& attributes) const {
  const ScopedErrorSilence silence;
  return VariableWriter(create_variable_impl(name, dims, type, nullptr, attributes), join(path_, name));
}

DatasetHandle GroupWriter::create_variable_impl(std::string_view name, const std::vector<std::string>& dims,
                                                ElementType element_type, const std::size_t* data_count,
                                                const Attributes& attributes) const {
  check_name(name, "variable");
  const std::string path = join(path_, name);
  if (link_exists(file_, path)) throw std::runtime_error("'" + path + "' already exists");
  std::vector<ResolvedDimension> resolved;
  std::vector<hsize_t> shape;
  std::string shape_text;
  for (std::size_t axis = 0; axis < dims.size(); ++axis) {
    resolved.push_back(resolve_dimension(file_, path_, dims[axis], path));
    shape.push_back(resolved.back().size);
    shape_text += (axis == 0 ? "" : ", ") + dims[axis] + "=" + std::to_string(resolved.back().size);
  }
  if (data_count != nullptr && product(shape) != *data_count) {
    throw std::invalid_argument("variable '" + path + "' has " + std::to_string(*data_count) +
                                " values but its dimensions (" + shape_text + ") need " +
                                std::to_string(product(shape)));
  }
  const GroupHandle group(H5Gopen2(file_, path_.c_str(), H5P_DEFAULT), "H5Gopen2", path_);
  const bool floating = element_type == ElementType::Float64 || element_type == ElementType::Float32;
  const DatatypeHandle type = detail::file_type(element_type);
  DatasetHandle dataset = create_dataset(
      group.get(), std::string(name), path,
      {type.get(), detail::stored_size(element_type), shape,
       floating ? std::optional<ElementType>(element_type) : std::nullopt, data_count == nullptr});
  for (std::size_t axis = 0; axis < resolved.size(); ++axis) {
    check_status(H5DSattach_scale(dataset.get(), resolved[axis].scale.get(), static_cast<unsigned>(axis)),
                 "H5DSattach_scale", path + " <- " + resolved[axis].path);
  }
  set_attributes_on(dataset.get(), path, attributes);
  return dataset;
}

// ---------------------------------------------------------------------------------------------- AtomicFile

AtomicFile AtomicFile::create(const std::filesystem::path& final_path, bool overwrite) {
  refuse_existing(final_path, overwrite);
  const auto directory = directory_of(final_path);
  if (!std::filesystem::is_directory(directory)) {
    throw InputError("cannot write " + final_path.string() + ": directory " + directory.string() +
                             " does not exist");
  }
  remove_stale_temp_files(final_path);
  std::filesystem::path temp_path = temp_path_for(final_path, ::getpid());

  const ScopedErrorSilence silence;
  const PropertyListHandle create(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", temp_path.string());
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  check_status(H5Pset_link_creation_order(create.get(), order), "H5Pset_link_creation_order",
               temp_path.string());
  check_status(H5Pset_attr_creation_order(create.get(), order), "H5Pset_attr_creation_order",
               temp_path.string());
  const PropertyListHandle access(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", temp_path.string());
  // Closing the file closes everything in it, so commit() never renames a file still being written.
  check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), "H5Pset_fclose_degree",
               temp_path.string());
  // Chunk indexes in the HDF5 1.10 format: a fixed-size dataset gets a flat array of chunk
  // addresses instead of a version-1 B-tree, whose nodes (18 KB each) a run streaming many
  // replicates would accumulate in memory. Pinned to 1.10 at both ends, so a newer library does not
  // write a newer format: readers need HDF5 1.10 or later (2018).
  check_status(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "H5Pset_libver_bounds",
               temp_path.string());
  const int token = register_temp_file(temp_path);
  try {
    FileHandle file(H5Fcreate(temp_path.c_str(), H5F_ACC_TRUNC, create.get(), access.get()), "H5Fcreate",
                    temp_path.string());
    AtomicFile result(final_path, std::move(temp_path), overwrite, std::move(file));
    result.temp_token_ = token;
    return result;
  } catch (...) {
    unregister_temp_file(token);
    std::error_code ignored;
    std::filesystem::remove(temp_path, ignored);
    throw;
  }
}

AtomicFile::AtomicFile(std::filesystem::path final_path, std::filesystem::path temp_path, bool overwrite,
                       FileHandle file)
    : final_path_(std::move(final_path)),
      temp_path_(std::move(temp_path)),
      overwrite_(overwrite),
      file_(std::move(file)) {}

AtomicFile::~AtomicFile() { discard(); }

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : final_path_(std::exchange(other.final_path_, {})),
      temp_path_(std::exchange(other.temp_path_, {})),
      overwrite_(other.overwrite_),
      file_(std::move(other.file_)),
      committed_(std::exchange(other.committed_, false)),
      temp_token_(std::exchange(other.temp_token_, -1)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    final_path_ = std::exchange(other.final_path_, {});
    temp_path_ = std::exchange(other.temp_path_, {});
    overwrite_ = other.overwrite_;
    file_ = std::move(other.file_);
    committed_ = std::exchange(other.committed_, false);
    temp_token_ = std::exchange(other.temp_token_, -1);
  }
  return *this;
}

void AtomicFile::discard() noexcept {
  file_.reset();
  if (!committed_ && !temp_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
  }
  unregister_temp_file(std::exchange(temp_token_, -1));
  temp_path_.clear();
}

GroupWriter AtomicFile::root() const {
  if (!file_) throw std::logic_error("AtomicFile " + final_path_.string() + " is not open");
  return GroupWriter(file_.get(), "/");
}

void AtomicFile::commit() {
  if (!file_) throw std::logic_error("AtomicFile " + final_path_.string() + " is not open");
  {
    const ScopedErrorSilence silence;
    check_status(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "H5Fflush", temp_path_.string());
    file_.close(temp_path_.string());
  }
  sync_best_effort(temp_path_);
  if (overwrite_) {
    std::filesystem::rename(temp_path_, final_path_);
  } else if (::link(temp_path_.c_str(), final_path_.c_str()) == 0) {  // fails if the final file appeared
    ::unlink(temp_path_.c_str());
  } else if (errno == EEXIST) {
    throw OutputExists(final_path_);
  } else {  // no hard links on this file system
    refuse_existing(final_path_, false);
    std::filesystem::rename(temp_path_, final_path_);
  }
  committed_ = true;
  unregister_temp_file(std::exchange(temp_token_, -1));
  sync_directory_of(final_path_);
}

}  // namespace sim::io
