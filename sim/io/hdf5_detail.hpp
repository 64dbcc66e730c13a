#pragma once
// Internal helpers shared by the result-file writer and reader (not a public interface).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/io/hdf5_handles.hpp"
#include "sim/io/result_file.hpp"

namespace sim::io::detail {

// A typed view of values to write (std::string elements for ElementType::String).
struct Buffer {
  ElementType type;
  const void* data;
  std::size_t count;
};

template <class T>
Buffer buffer_of(std::span<const T> values) {
  constexpr ElementType type = std::is_same_v<T, double>         ? ElementType::Float64
                               : std::is_same_v<T, float>        ? ElementType::Float32
                               : std::is_same_v<T, std::int64_t> ? ElementType::Int64
                               : std::is_same_v<T, std::int32_t> ? ElementType::Int32
                               : std::is_same_v<T, std::uint8_t> ? ElementType::UInt8
                                                                 : ElementType::String;
  static_assert(type != ElementType::String || std::is_same_v<T, std::string>);
  return {type, values.data(), values.size()};
}

hid_t native_type(ElementType type);         // predefined memory type (never closed)
DatatypeHandle file_type(ElementType type);  // little-endian numbers, variable-length UTF-8 strings
std::size_t stored_size(ElementType type);   // bytes per element, for chunk sizing
DatatypeHandle vlen_string_type();
DatatypeHandle fixed_string_type(std::size_t size);  // UTF-8, null-terminated
ElementType element_type_of(hid_t type, std::string_view object);

struct Extents {
  std::vector<hsize_t> dims;
};
Extents extents(hid_t dataset, std::string_view object);

void write_attribute(hid_t object, std::string_view object_name, std::string_view name,
                     const AttributeValue& value);
// nullopt for attribute types an AttributeValue cannot hold (references, compounds, ...).
std::optional<AttributeValue> read_attribute(hid_t object, std::string_view object_name,
                                             std::string_view name);
bool is_bookkeeping_attribute(std::string_view name);
std::vector<std::string> attribute_names(hid_t object, std::string_view object_name);

// Reads all values of a string dataset (fixed- or variable-length).
std::vector<std::string> read_string_values(hid_t dataset, std::string_view object);

std::vector<std::string> link_names(hid_t group, std::string_view object);
// Path of the (last) dimension scale attached to axis `axis`, if any.
std::optional<std::string> attached_scale_path(hid_t dataset, unsigned axis);
std::string base_name(std::string_view path);
std::string not_a_variable_name(std::size_t size);
bool is_not_a_variable(hid_t dataset, std::string_view object);

// Writes `data` (converted from its memory type) into the selected part of a dataset.
void write_elements(hid_t dataset, const Buffer& data, hid_t memory_space, hid_t file_space, const std::string& what);

// Creation properties that track and index link and attribute creation order (netCDF-4 wants it).
PropertyListHandle group_creation_properties();

}  // namespace sim::io::detail
