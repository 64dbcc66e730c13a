#pragma once
// The one front end for every input file kind: scenarios (scenario_loader.hpp, which adds
// `extends` and --set), parameter sweeps, targets and calibration files. A kind is a Schema: its
// keys are declared once (sim/config/parameter.hpp) and the same declarations drive reading,
// `coachsim validate` and the generated reference pages (docs/*-file.md).
//
// Every kind shares: TOML syntax errors located in the file; `schema_version` (required, equal to
// Schema::schema_version); unknown keys with did-you-mean; type, range and choice checks; missing
// required keys; and one wording for every problem, `file:line:col: key.path: what was expected`
// (ConfigError::format), all problems collected before ConfigErrors is thrown.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/parameter.hpp"
#include "sim/config/scenario_loader.hpp"

namespace sim::config {

// A file read against its declarations.
struct Document {
  std::string file;  // display name, as in errors
  std::string text;  // as read
  // Every declared key: as given, its default, or no value (optional keys, and keys with problems).
  ParamValues values;
  // Where each given value is, by its path as shown in errors ("search.seed", "targets[2].arm",
  // "axes[0].values[1]"); items of table arrays and written sections give their table.
  std::map<std::string, SourceLocation> where;

  // The location of `path`, else of the closest enclosing item or section, else the file's top.
  SourceLocation at(const std::string& path) const;
  // A problem about `path`, located by at().
  ConfigError error(const std::string& path, std::string message) const;
};

// Reads `text` against `schema`; every problem is appended to `errors` (nothing is thrown), so
// the kind's own checks can add theirs before throw_if_errors.
Document read_document(const Schema& schema, std::string_view text, const std::string& display,
                       std::vector<ConfigError>& errors);

// Input files are read whole, and only when they are regular files of at most this many bytes
// (a scenario is a few kB): a directory, a device (/dev/zero), a pipe or a huge file is refused
// before anything is read.
inline constexpr std::uintmax_t kMaxInputFileBytes = 16u << 20;

// The one "read a whole file": the text, or nothing; `reason` (when given) receives why not
// ("No such file or directory", "is a directory", "is not a regular file", "is 40 MiB ...").
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string* reason = nullptr);
// The same, throwing ConfigErrors "FILE: cannot read <what>: <reason>" when it cannot.
std::string read_input_file(const std::filesystem::path& file, const std::string& what);

// Why `text` cannot be handed to the TOML parser, or nothing. The toml++ 3.3.0 shipped by Debian
// reaches undefined behaviour (an "unreachable" branch, upstream issue #190) on a line-ending
// backslash whose next line starts with a non-ASCII character; such text is refused here, at
// the backslash, instead. Every TOML text an input kind reads goes through parse_toml_text.
std::optional<SourceLocation> toml_hazard(std::string_view text, const std::string& display);
inline constexpr const char* kTomlHazardMessage =
    "a line-ending backslash whose next line starts with a non-ASCII character cannot be read safely; "
    "join the lines or write the character as \\uXXXX";

// The one error order: `first_file` first, other files in order of appearance, --set last; then
// line and column.
void sort_errors(std::vector<ConfigError>& errors, const std::string& first_file);
// Sorts and throws ConfigErrors when there are any.
void throw_if_errors(std::vector<ConfigError> errors, const std::string& first_file);

// The reference of a kind: one table per section (Key, Type, Default, Range / choices,
// Description; Unit and Source columns when any key has one). `intro` follows the title.
std::string file_reference_markdown(const Schema& schema, const std::string& title, const std::string& intro);
std::string file_reference_text(const Schema& schema, const std::string& title);

// The parameters of a schema as the keys of another file kind (a sweep's axes and [set], a
// calibration's [[parameters]]): every declared key, each value checked by its declaration. The
// caller adds `refuse` for the keys its kind may not use.
std::shared_ptr<KeyDomain> parameter_domain(const Schema& schema);

}  // namespace sim::config
