#include "sim/io/hdf5_detail.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace sim::io::detail {
namespace {

std::string attribute_label(std::string_view object, std::string_view name) {
  std::string text(object);
  return text.append("@").append(name);
}

DataspaceHandle vector_space(std::size_t count, std::string_view what) {
  if (count == 0) return {H5Screate(H5S_NULL), "H5Screate", what};
  const hsize_t dims[1] = {count};
  return {H5Screate_simple(1, dims, nullptr), "H5Screate_simple", what};
}

void create_and_write(hid_t object, std::string_view name, hid_t file_type_id, hid_t space, hid_t memory_type,
                      const void* data, std::string_view what) {
  const std::string key(name);
  if (check_tri(H5Aexists(object, key.c_str()), "H5Aexists", what)) {
    AttributeHandle old(H5Aopen(object, key.c_str(), H5P_DEFAULT), "H5Aopen", what);
    const DatatypeHandle old_type(H5Aget_type(old.get()), "H5Aget_type", what);
    const DataspaceHandle old_space(H5Aget_space(old.get()), "H5Aget_space", what);
    if (check_tri(H5Tequal(old_type.get(), file_type_id), "H5Tequal", what) &&
        check_tri(H5Sextent_equal(old_space.get(), space), "H5Sextent_equal", what)) {
      // Same type and shape: overwrite in place, keeping the attribute's position.
      if (H5Sget_simple_extent_type(space) != H5S_NULL) {
        check_status(H5Awrite(old.get(), memory_type, data), "H5Awrite", what);
      }
      return;
    }
    old.reset();
    check_status(H5Adelete(object, key.c_str()), "H5Adelete", what);
  }
  AttributeHandle attribute(H5Acreate2(object, key.c_str(), file_type_id, space, H5P_DEFAULT, H5P_DEFAULT),
                            "H5Acreate2", what);
  if (H5Sget_simple_extent_type(space) != H5S_NULL) {
    check_status(H5Awrite(attribute.get(), memory_type, data), "H5Awrite", what);
  }
}

void write_strings(hid_t object, std::string_view name, const std::vector<std::string>& values, bool scalar,
                   std::string_view what) {
  std::size_t longest = 0;
  for (const auto& value : values) longest = std::max(longest, value.size());
  const std::size_t size = longest + 1;  // room for the terminator, as H5LT and H5DS write strings
  std::vector<char> packed(values.size() * size, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::copy(values[i].begin(), values[i].end(), packed.begin() + static_cast<std::ptrdiff_t>(i * size));
  }
  const DatatypeHandle type = fixed_string_type(size);
  const DataspaceHandle space =
      scalar ? DataspaceHandle(H5Screate(H5S_SCALAR), "H5Screate", what) : vector_space(values.size(), what);
  create_and_write(object, name, type.get(), space.get(), type.get(), packed.data(), what);
}

std::vector<std::string> read_fixed_strings(hid_t attribute, hid_t type, std::size_t count,
                                            std::string_view what) {
  const std::size_t size = H5Tget_size(type);
  std::vector<char> packed(count * size + 1, '\0');
  const DatatypeHandle memory(H5Tcopy(type), "H5Tcopy", what);
  check_status(H5Aread(attribute, memory.get(), packed.data()), "H5Aread", what);
  std::vector<std::string> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* begin = packed.data() + i * size;
    values[i].assign(begin, strnlen(begin, size));
  }
  return values;
}

std::vector<std::string> read_vlen_strings(hid_t attribute, std::size_t count, std::string_view what) {
  std::vector<char*> pointers(count, nullptr);
  const DatatypeHandle memory = vlen_string_type();
  check_status(H5Aread(attribute, memory.get(), pointers.data()), "H5Aread", what);
  std::vector<std::string> values;
  for (char* p : pointers) values.emplace_back(p != nullptr ? p : "");
  const DataspaceHandle space(H5Aget_space(attribute), "H5Aget_space", what);
#if H5_VERSION_GE(1, 12, 0)
  H5Treclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#else
  H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#endif
  return values;
}

template <class T>
std::vector<T> read_numbers(hid_t attribute, hid_t memory_type, std::size_t count, std::string_view what) {
  std::vector<T> values(count);
  if (count > 0) check_status(H5Aread(attribute, memory_type, values.data()), "H5Aread", what);
  return values;
}

template <class T>
AttributeValue scalar_or_vector(std::vector<T> values, bool scalar) {
  if (scalar) return AttributeValue(std::move(values.at(0)));
  return AttributeValue(std::move(values));
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t keep_scale_path(hid_t, unsigned, hid_t scale, void* data) {
  *static_cast<std::optional<std::string>*>(data) = object_path(scale);
  return 0;  // keep going: netCDF uses the last attached scale
}

}  // namespace

hid_t native_type(ElementType type) {
  switch (type) {
    case ElementType::Float64:
      return H5T_NATIVE_DOUBLE;
    case ElementType::Float32:
      return H5T_NATIVE_FLOAT;
    case ElementType::Int64:
      return H5T_NATIVE_INT64;
    case ElementType::Int32:
      return H5T_NATIVE_INT32;
    case ElementType::UInt8:
      return H5T_NATIVE_UINT8;
    case ElementType::String:
      break;
  }
  throw std::logic_error("native_type: strings have no predefined memory type");
}

DatatypeHandle file_type(ElementType type) {
  switch (type) {
    case ElementType::Float64:
      return {H5Tcopy(H5T_IEEE_F64LE), "H5Tcopy", "float64"};
    case ElementType::Float32:
      return {H5Tcopy(H5T_IEEE_F32LE), "H5Tcopy", "float32"};
    case ElementType::Int64:
      return {H5Tcopy(H5T_STD_I64LE), "H5Tcopy", "int64"};
    case ElementType::Int32:
      return {H5Tcopy(H5T_STD_I32LE), "H5Tcopy", "int32"};
    case ElementType::UInt8:
      return {H5Tcopy(H5T_STD_U8LE), "H5Tcopy", "uint8"};
    case ElementType::String:
      return vlen_string_type();
  }
  throw std::logic_error("file_type: unknown element type");
}

std::size_t stored_size(ElementType type) {
  switch (type) {
    case ElementType::Float64:
    case ElementType::Int64:
      return 8;
    case ElementType::Float32:
    case ElementType::Int32:
      return 4;
    case ElementType::UInt8:
      return 1;
    case ElementType::String:
      return 16;  // heap reference of a variable-length string
  }
  return 8;
}

DatatypeHandle vlen_string_type() {
  DatatypeHandle type(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size", "string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");
  return type;
}

DatatypeHandle fixed_string_type(std::size_t size) {
  DatatypeHandle type(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type");
  check_status(H5Tset_size(type.get(), std::max<std::size_t>(size, 1)), "H5Tset_size", "string type");
  check_status(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad", "string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");
  return type;
}

ElementType element_type_of(hid_t type, std::string_view object) {
  const std::size_t size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_FLOAT:
      return size <= 4 ? ElementType::Float32 : ElementType::Float64;
    case H5T_INTEGER:
      if (H5Tget_sign(type) == H5T_SGN_NONE) {
        return size == 1 ? ElementType::UInt8 : (size < 4 ? ElementType::Int32 : ElementType::Int64);
      }
      return size <= 4 ? ElementType::Int32 : ElementType::Int64;
    case H5T_STRING:
      return ElementType::String;
    default:
      break;
  }
  throw std::runtime_error("'" + std::string(object) + "' has an HDF5 type that is not a number or a string");
}

Extents extents(hid_t dataset, std::string_view object) {
  const DataspaceHandle space(H5Dget_space(dataset), "H5Dget_space", object);
  const int rank =
      check_status(H5Sget_simple_extent_ndims(space.get()), "H5Sget_simple_extent_ndims", object);
  Extents result{std::vector<hsize_t>(static_cast<std::size_t>(rank))};
  check_status(H5Sget_simple_extent_dims(space.get(), result.dims.data(), nullptr),
               "H5Sget_simple_extent_dims", object);
  return result;
}

void write_attribute(hid_t object, std::string_view object_name, std::string_view name,
                     const AttributeValue& value) {
  const std::string what = attribute_label(object_name, name);
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) {
          write_strings(object, name, {v}, true, what);
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          write_strings(object, name, v, false, what);
        } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, std::int64_t>) {
          const ElementType type = std::is_same_v<V, double> ? ElementType::Float64 : ElementType::Int64;
          const DataspaceHandle space(H5Screate(H5S_SCALAR), "H5Screate", what);
          create_and_write(object, name, file_type(type).get(), space.get(), native_type(type), &v, what);
        } else {
          const ElementType type =
              std::is_same_v<V, std::vector<double>> ? ElementType::Float64 : ElementType::Int64;
          const DataspaceHandle space = vector_space(v.size(), what);
          create_and_write(object, name, file_type(type).get(), space.get(), native_type(type), v.data(),
                           what);
        }
      },
      value);
}

std::optional<AttributeValue> read_attribute(hid_t object, std::string_view object_name,
                                             std::string_view name) {
  const std::string what = attribute_label(object_name, name);
  const AttributeHandle attribute(H5Aopen(object, std::string(name).c_str(), H5P_DEFAULT), "H5Aopen", what);
  const DataspaceHandle space(H5Aget_space(attribute.get()), "H5Aget_space", what);
  const DatatypeHandle type(H5Aget_type(attribute.get()), "H5Aget_type", what);
  const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
  const bool scalar = space_class == H5S_SCALAR;
  const hssize_t points = space_class == H5S_NULL ? 0 : H5Sget_simple_extent_npoints(space.get());
  const std::size_t count = static_cast<std::size_t>(check_id(points, "H5Sget_simple_extent_npoints", what));
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: {
      auto values = check_tri(H5Tis_variable_str(type.get()), "H5Tis_variable_str", what)
                        ? read_vlen_strings(attribute.get(), count, what)
                        : read_fixed_strings(attribute.get(), type.get(), count, what);
      return scalar_or_vector(std::move(values), scalar);
    }
    case H5T_FLOAT:
      return scalar_or_vector(read_numbers<double>(attribute.get(), H5T_NATIVE_DOUBLE, count, what), scalar);
    case H5T_INTEGER:
      return scalar_or_vector(read_numbers<std::int64_t>(attribute.get(), H5T_NATIVE_INT64, count, what),
                              scalar);
    default:
      return std::nullopt;
  }
}

bool is_bookkeeping_attribute(std::string_view name) {
  static constexpr std::string_view kHidden[] = {"CLASS",          "NAME",          "DIMENSION_LIST",
                                                 "REFERENCE_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates",
                                                 "_nc3_strict",    "_NCProperties", "_FillValue"};
  return std::find(std::begin(kHidden), std::end(kHidden), name) != std::end(kHidden);
}

std::vector<std::string> attribute_names(hid_t object, std::string_view object_name) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, collect_attribute_name, &names) >= 0) {
    return names;
  }
  H5Eclear2(H5E_DEFAULT);  // no creation-order index: fall back to name order
  names.clear();
  position = 0;
  check_status(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, collect_attribute_name, &names),
               "H5Aiterate2", object_name);
  return names;
}

std::vector<std::string> read_string_values(hid_t dataset, std::string_view object) {
  const DatatypeHandle type(H5Dget_type(dataset), "H5Dget_type", object);
  if (H5Tget_class(type.get()) != H5T_STRING) {
    throw std::runtime_error("'" + std::string(object) + "' does not hold strings");
  }
  const DataspaceHandle space(H5Dget_space(dataset), "H5Dget_space", object);
  const auto count = static_cast<std::size_t>(
      check_id(H5Sget_simple_extent_npoints(space.get()), "H5Sget_simple_extent_npoints", object));
  std::vector<std::string> values(count);
  if (count == 0) return values;
  if (check_tri(H5Tis_variable_str(type.get()), "H5Tis_variable_str", object)) {
    std::vector<char*> pointers(count, nullptr);
    const DatatypeHandle memory = vlen_string_type();
    check_status(H5Dread(dataset, memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "H5Dread",
                 object);
    for (std::size_t i = 0; i < count; ++i) values[i] = pointers[i] != nullptr ? pointers[i] : "";
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#else
    H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#endif
  } else {
    const std::size_t size = H5Tget_size(type.get());
    const DatatypeHandle memory(H5Tcopy(type.get()), "H5Tcopy", object);
    std::vector<char> packed(count * size + 1, '\0');
    check_status(H5Dread(dataset, memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), "H5Dread",
                 object);
    for (std::size_t i = 0; i < count; ++i) {
      const char* begin = packed.data() + i * size;
      values[i].assign(begin, strnlen(begin, size));
    }
  }
  return values;
}

std::vector<std::string> link_names(hid_t group, std::string_view object) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, collect_name, &names) >= 0) return names;
  H5Eclear2(H5E_DEFAULT);  // no creation-order index: fall back to name order
  names.clear();
  position = 0;
  check_status(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &position, collect_name, &names), "H5Literate",
               object);
  return names;
}

std::optional<std::string> attached_scale_path(hid_t dataset, unsigned axis) {
  if (H5DSget_num_scales(dataset, axis) <= 0) return std::nullopt;
  std::optional<std::string> path;
  check_status(H5DSiterate_scales(dataset, axis, nullptr, keep_scale_path, &path), "H5DSiterate_scales",
               object_path(dataset));
  return path;
}

std::string base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string not_a_variable_name(std::size_t size) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%10zu", size);
  return std::string(kNotAVariable) + digits;
}

bool is_not_a_variable(hid_t dataset, std::string_view object) {
  if (!check_tri(H5Aexists(dataset, "NAME"), "H5Aexists", object)) return false;
  const auto name = read_attribute(dataset, object, "NAME");
  const auto* text = name ? std::get_if<std::string>(&*name) : nullptr;
  return text != nullptr && text->starts_with(kNotAVariable);
}

void write_elements(hid_t dataset, const Buffer& data, hid_t memory_space, hid_t file_space,
                    const std::string& what) {
  if (data.count == 0) return;
  if (data.type == ElementType::String) {
    const auto* strings = static_cast<const std::string*>(data.data);
    std::vector<const char*> pointers(data.count);
    for (std::size_t i = 0; i < data.count; ++i) pointers[i] = strings[i].c_str();
    const DatatypeHandle type = vlen_string_type();
    // String writes convert types through a buffer HDF5 allocates and zeroes on every call (1 MiB
    // by default, twice): sized to this write, a sweep's one-string-per-run writes stay cheap.
    const PropertyListHandle transfer(H5Pcreate(H5P_DATASET_XFER), "H5Pcreate", what);
    const std::size_t buffer_bytes = std::max<std::size_t>(data.count * 64, 4096);
    check_status(H5Pset_buffer(transfer.get(), buffer_bytes, nullptr, nullptr), "H5Pset_buffer", what);
    check_status(H5Dwrite(dataset, type.get(), memory_space, file_space, transfer.get(), pointers.data()),
                 "H5Dwrite", what);
  } else {
    check_status(
        H5Dwrite(dataset, native_type(data.type), memory_space, file_space, H5P_DEFAULT, data.data),
        "H5Dwrite", what);
  }
}

PropertyListHandle group_creation_properties() {
  PropertyListHandle properties(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate", "group creation properties");
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  check_status(H5Pset_link_creation_order(properties.get(), order), "H5Pset_link_creation_order", "group");
  check_status(H5Pset_attr_creation_order(properties.get(), order), "H5Pset_attr_creation_order", "group");
  return properties;
}

}  // namespace sim::io::detail
