// Writing blocks of a pre-sized variable (GroupWriter::create_variable).
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/hdf5_detail.hpp"
#include "sim/io/result_file.hpp"

namespace sim::io {

void VariableWriter::write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                 std::span<const double> data) const {
  write_block_impl(start, count, detail::buffer_of(data));
}
void VariableWriter::write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                 std::span<const std::int64_t> data) const {
  write_block_impl(start, count, detail::buffer_of(data));
}
void VariableWriter::write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                 std::span<const std::int32_t> data) const {
  write_block_impl(start, count, detail::buffer_of(data));
}
void VariableWriter::write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                 std::span<const std::uint8_t> data) const {
  write_block_impl(start, count, detail::buffer_of(data));
}
void VariableWriter::write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                 std::span<const std::string> data) const {
  write_block_impl(start, count, detail::buffer_of(data));
}

void VariableWriter::write_block_impl(std::span<const std::size_t> start, std::span<const std::size_t> count,
                                      const detail::Buffer& data) const {
  const ScopedErrorSilence silence;
  if (!dataset_) throw std::logic_error("VariableWriter for '" + path_ + "' is not open");
  const auto extents = detail::extents(dataset_.get(), path_);
  if (start.size() != extents.dims.size() || count.size() != extents.dims.size()) {
    throw std::invalid_argument("'" + path_ + "' has " + std::to_string(extents.dims.size()) +
                                " dimensions; the block names " + std::to_string(start.size()));
  }
  std::vector<hsize_t> file_start, file_count;
  std::size_t elements = 1;
  for (std::size_t axis = 0; axis < start.size(); ++axis) {
    if (start[axis] + count[axis] > extents.dims[axis]) {
      throw std::out_of_range("'" + path_ + "': block [" + std::to_string(start[axis]) + ", " +
                              std::to_string(start[axis] + count[axis]) + ") is outside dimension " +
                              std::to_string(axis) + " of size " + std::to_string(extents.dims[axis]));
    }
    file_start.push_back(start[axis]);
    file_count.push_back(count[axis]);
    elements *= count[axis];
  }
  if (elements != data.count) {
    throw std::invalid_argument("'" + path_ + "': " + std::to_string(data.count) + " values for a block of " +
                                std::to_string(elements));
  }
  if (elements == 0) return;
  const DataspaceHandle file_space(H5Dget_space(dataset_.get()), "H5Dget_space", path_);
  if (!file_start.empty()) {
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, file_start.data(), nullptr,
                                     file_count.data(), nullptr),
                 "H5Sselect_hyperslab", path_);
  }
  const hsize_t memory_dims[1] = {data.count};
  const DataspaceHandle memory_space(H5Screate_simple(1, memory_dims, nullptr), "H5Screate_simple", path_);
  detail::write_elements(dataset_.get(), data, memory_space.get(), file_space.get(), path_);
}

}  // namespace sim::io
