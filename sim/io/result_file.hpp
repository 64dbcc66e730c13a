#pragma once
// Writing and reading netCDF-4-compatible HDF5 result files (see docs/output.md).
//
// Every dimension is an HDF5 dimension scale named after it, and every variable has its dimensions
// attached, so xarray (engine="h5netcdf"), netCDF4-python and ncdump see named dimensions and
// coordinates. A file is written under a temporary name and renamed into place by commit().
//
//   auto file = sim::io::AtomicFile::create("out.h5", /*overwrite=*/false);
//   auto root = file.root();
//   root.add_dimension("arm", std::vector<std::string>{"coached", "usual_care"});
//   root.add_dimension("week", std::vector<std::int64_t>{0, 1, 2}, {{"units", "weeks"}});
//   root.write_variable("hba1c_mean", {"arm", "week"}, values, sim::io::describe("%", "mean HbA1c"));
//   file.commit();
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sim/io/hdf5_handles.hpp"

namespace sim::io {

// Strings are stored as fixed-length UTF-8 with a terminating NUL (so h5netcdf returns even a
// 1-character value such as "%" as str), numbers as 64-bit, vectors as 1-D attributes.
using AttributeValue = std::variant<std::string, double, std::int64_t, std::vector<std::string>,
                                    std::vector<double>, std::vector<std::int64_t>>;
// Name/value pairs, written in this order.
using Attributes = std::vector<std::pair<std::string, AttributeValue>>;

// The conventional variable attributes: units, long_name and (when not empty) description.
Attributes describe(std::string units, std::string long_name, std::string description = {});

enum class ElementType { Float64, Float32, Int64, Int32, UInt8, String };

// Text of the NAME attribute netCDF gives a dimension that has no coordinate variable
// (followed by the size, right-aligned in 10 characters).
inline constexpr std::string_view kNotAVariable = "This is a netCDF dimension but not a netCDF variable.";

class AtomicFile;
namespace detail {
struct Buffer;
}

// A variable created empty and kept open, written block by block (a sweep writes each run's rows
// as the run arrives, so no process holds all results). Keeping the dataset open keeps its chunk
// cache, so blocks written in order fill each compressed chunk once. Use it only while its
// AtomicFile is open. Move-only.
class VariableWriter {
 public:
  // Writes `data` (row-major) into the block with corner `start` and extent `count`, one entry
  // per dimension; data.size() must be the product of `count`.
  void write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                   std::span<const double> data) const;
  void write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                   std::span<const std::int64_t> data) const;
  void write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                   std::span<const std::int32_t> data) const;
  void write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                   std::span<const std::uint8_t> data) const;
  void write_block(std::span<const std::size_t> start, std::span<const std::size_t> count,
                   std::span<const std::string> data) const;

 private:
  friend class GroupWriter;
  VariableWriter(DatasetHandle dataset, std::string path) : dataset_(std::move(dataset)), path_(std::move(path)) {}
  void write_block_impl(std::span<const std::size_t> start, std::span<const std::size_t> count,
                        const detail::Buffer& data) const;
  DatasetHandle dataset_;
  std::string path_;
};

// Writes into one group of an open AtomicFile. A small value (file id + group path): copy it freely,
// but use it only while its AtomicFile is open (not after commit()).
// Names are single path components (no '/'). A variable's dimensions are looked up in its own
// group first, then in the enclosing groups up to the root (netCDF's scoping rule).
class GroupWriter {
 public:
  const std::string& path() const { return path_; }

  // Opens the subgroup `name` ("a" or "a/b"), creating missing groups.
  GroupWriter group(std::string_view name) const;

  // Creates or replaces attributes of this group.
  void set_attribute(std::string_view name, const AttributeValue& value) const;
  void set_attributes(const Attributes& attributes) const;
  // Creates or replaces attributes of a variable or dimension of this group.
  void set_variable_attributes(std::string_view variable, const Attributes& attributes) const;

  // A dimension with coordinate values: a 1-D dataset `name` made a dimension scale. Strings are
  // variable-length UTF-8.
  void add_dimension(std::string_view name, const std::vector<double>& coordinates,
                     const Attributes& attributes = {}) const;
  void add_dimension(std::string_view name, const std::vector<std::int64_t>& coordinates,
                     const Attributes& attributes = {}) const;
  void add_dimension(std::string_view name, const std::vector<std::string>& coordinates,
                     const Attributes& attributes = {}) const;
  // A dimension without coordinate values (netCDF's "dimension but not a variable").
  void add_dimension_without_coordinate(std::string_view name, std::size_t size) const;

  // A variable with the given dimensions (row-major, last dimension fastest); data.size() must be
  // the product of the dimensions' sizes. Variables above a few KiB are chunked and compressed
  // (shuffle + deflate 4). Floating-point variables are filled with NaN where unwritten.
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const double> data, const Attributes& attributes = {}) const;
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const float> data, const Attributes& attributes = {}) const;
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const std::int64_t> data, const Attributes& attributes = {}) const;
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const std::int32_t> data, const Attributes& attributes = {}) const;
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const std::uint8_t> data, const Attributes& attributes = {}) const;
  void write_variable(std::string_view name, const std::vector<std::string>& dims,
                      std::span<const std::string> data, const Attributes& attributes = {}) const;

  // A variable with the given dimensions and no values yet, to be written with
  // VariableWriter::write_block: floating-point elements read as NaN until written, integers as 0,
  // strings as "". Chunking, compression and dimension scales as for write_variable.
  [[nodiscard]] VariableWriter create_variable(std::string_view name, const std::vector<std::string>& dims,
                                               ElementType type, const Attributes& attributes = {}) const;

 private:
  friend class AtomicFile;
  GroupWriter(hid_t file, std::string path) : file_(file), path_(std::move(path)) {}
  using Buffer = detail::Buffer;
  void add_dimension_impl(std::string_view name, const Buffer& coordinates, const Attributes& attributes) const;
  void write_variable_impl(std::string_view name, const std::vector<std::string>& dims, const Buffer& data,
                           const Attributes& attributes) const;
  // Checks the element count against the dimensions when `data_count` is given.
  DatasetHandle create_variable_impl(std::string_view name, const std::vector<std::string>& dims, ElementType type,
                                     const std::size_t* data_count, const Attributes& attributes) const;

  hid_t file_;
  std::string path_;
};

// An HDF5 file written as `final_path + ".tmp-<pid>"` and renamed to final_path by commit().
// Destroyed without commit (an exception, an early return), it removes the temporary file; a
// process ended by a second SIGINT/SIGTERM removes it in the signal handler (sim/io/temp_files.hpp);
// a killed process (kill -9) leaves only the temporary file, never a partial file under the final
// name, and the next AtomicFile for the same final path removes it.
// The temporary name holds only the pid: one AtomicFile per final path per process at a time.
class AtomicFile {
 public:
  // Throws sim::OutputExists when final_path exists and !overwrite, before creating anything, and
  // sim::InputError when its directory does not exist.
  [[nodiscard]] static AtomicFile create(const std::filesystem::path& final_path, bool overwrite);

  ~AtomicFile();
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& final_path() const { return final_path_; }
  const std::filesystem::path& temp_path() const { return temp_path_; }
  bool committed() const { return committed_; }

  GroupWriter root() const;
  GroupWriter group(std::string_view name) const { return root().group(name); }

  // Flushes and closes the file, fsyncs it, renames it to final_path (without overwrite, refusing
  // a file that appeared meanwhile: sim::OutputExists) and fsyncs the directory. Writers must not be used afterwards.
  void commit();

 private:
  AtomicFile(std::filesystem::path final_path, std::filesystem::path temp_path, bool overwrite,
             FileHandle file);
  void discard() noexcept;

  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  bool overwrite_ = false;
  FileHandle file_;
  bool committed_ = false;
  int temp_token_ = -1;  // registration for removal on a fatal signal
};

struct DimensionInfo {
  std::string name;
  std::size_t size = 0;
  bool has_coordinate = false;
};

struct VariableInfo {
  std::string name;
  ElementType type = ElementType::Float64;
  std::vector<std::string> dims;  // "" for a dimension with no scale attached
  std::vector<std::size_t> shape;
};

template <class T>
struct VariableData {
  std::vector<T> values;  // row-major
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
};

// Read-only access to a result file (any netCDF-4/HDF5 file with dimension scales).
// Paths name objects from the root: "hba1c_mean", "/sweep/points"; "" or "/" is the root group.
// Every variable's shape is checked against its dimensions' lengths before it is described or
// read (variable_info, read_*): a mismatch throws sim::InputError "FILE: variable V has shape (...)
// but its dimensions say (...)".
class ResultReader {
 public:
  // Throws sim::InputError when `path` does not exist, is not an HDF5 file, or cannot be opened.
  explicit ResultReader(const std::filesystem::path& path);

  // In creation order (name order for files that do not track it).
  std::vector<std::string> groups(std::string_view group = "/") const;
  std::vector<DimensionInfo> dimensions(std::string_view group = "/") const;
  // Data variables: datasets that are not dimension scales (coordinates are read by dimension name).
  std::vector<std::string> variables(std::string_view group = "/") const;

  bool has_object(std::string_view path) const;
  bool has_attribute(std::string_view object, std::string_view name) const;
  // User attributes of a group, variable or coordinate; HDF5/netCDF bookkeeping attributes
  // (CLASS, NAME, DIMENSION_LIST, REFERENCE_LIST, _Netcdf4*, _FillValue, ...) are left out.
  Attributes attributes(std::string_view object = "/") const;
  std::string read_string_attribute(std::string_view object, std::string_view name) const;
  double read_double_attribute(std::string_view object, std::string_view name) const;  // float or integer
  std::int64_t read_int64_attribute(std::string_view object, std::string_view name) const;

  VariableInfo variable_info(std::string_view path) const;
  VariableData<double> read_doubles(std::string_view path) const;       // any numeric type
  VariableData<std::int64_t> read_int64s(std::string_view path) const;  // integer types only
  VariableData<std::string> read_strings(std::string_view path) const;  // string types only

 private:
  FileHandle file_;
  std::string name_;
};

}  // namespace sim::io
