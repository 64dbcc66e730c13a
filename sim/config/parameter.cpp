#include "sim/config/parameter.hpp"

#include <limits>
#include <stdexcept>
#include <utility>

namespace sim::config {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Paths are dotted TOML bare keys ("population.hba1c_mean"), so they can be written back unquoted.
void check_path_syntax(const std::string& path) {
  bool component_empty = true;
  for (char c : path) {
    if (c == '.') {
      if (component_empty) break;
      component_empty = true;
    } else if (is_bare_key_char(c)) {
      component_empty = false;
    } else {
      throw std::invalid_argument("parameter path '" + path + "' may only contain A-Z a-z 0-9 _ - and dots");
    }
  }
  if (component_empty) throw std::invalid_argument("parameter path '" + path + "' has an empty component");
}

bool is_prefix_section(const std::string& section, const std::string& path) {
  return path.size() > section.size() && path.compare(0, section.size(), section) == 0 &&
         path[section.size()] == '.';
}

std::string type_name(const Scalar& value) {
  switch (value.index()) {
    case 0:
      return "a real number";
    case 1:
      return "an integer";
    case 2:
      return "a boolean";
    default:
      return "a string";
  }
}

[[noreturn]] void throw_wrong_type(const std::string& path, const char* wanted, const Scalar& held) {
  throw std::out_of_range("parameter '" + path + "' is not " + wanted + " (it holds " + type_name(held) +
                          ")");
}

}  // namespace

ParamTable& ParamTable::real(std::string path, std::string unit, double default_value, double min, double max,
                             std::string description, std::string source) {
  if (!(min <= max)) throw std::invalid_argument("parameter '" + path + "': min must not exceed max");
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Real;
  spec.unit = std::move(unit);
  spec.default_value = default_value;
  spec.min = min;
  spec.max = max;
  spec.description = std::move(description);
  spec.source = std::move(source);
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::integer(std::string path, std::string unit, std::int64_t default_value,
                                std::int64_t min, std::int64_t max, std::string description,
                                std::string source) {
  if (min > max) throw std::invalid_argument("parameter '" + path + "': min must not exceed max");
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Integer;
  spec.unit = std::move(unit);
  spec.default_value = default_value;
  spec.min = static_cast<double>(min);
  spec.max = static_cast<double>(max);
  spec.description = std::move(description);
  spec.source = std::move(source);
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::boolean(std::string path, bool default_value, std::string description,
                                std::string source) {
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Boolean;
  spec.default_value = default_value;
  spec.description = std::move(description);
  spec.source = std::move(source);
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::choice(std::string path, std::string default_value, std::vector<std::string> choices,
                               std::string description, std::string source) {
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Choice;
  spec.default_value = std::move(default_value);
  spec.choices = std::move(choices);
  spec.description = std::move(description);
  spec.source = std::move(source);
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::table_array(std::string path, ParamTable item, std::size_t min_items,
                                    std::size_t max_items,
                                    std::vector<std::map<std::string, Scalar>> default_items,
                                    std::string description) {
  if (min_items > max_items)
    throw std::invalid_argument("parameter '" + path + "': min_items exceeds max_items");
  for (const auto& default_item : default_items) {
    for (const auto& [key, value] : default_item) {
      if (item.find(key) == nullptr) {
        throw std::invalid_argument("parameter '" + path + "': default item has undeclared key '" + key +
                                    "'");
      }
    }
  }
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::TableArray;
  spec.item_specs = std::move(item.specs_);
  spec.min_items = min_items;
  spec.max_items = max_items;
  spec.default_items = std::move(default_items);
  spec.description = std::move(description);
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::required() {
  if (specs_.empty()) throw std::logic_error("required() called before any parameter was declared");
  specs_.back().is_required = true;
  return *this;
}

ParamTable& ParamTable::uncertain(Distribution distribution, double relative_sd, std::string source) {
  if (specs_.empty()) throw std::logic_error("uncertain() called before any parameter was declared");
  if (specs_.back().type != ParamType::Real || !(relative_sd >= 0)) {
    throw std::logic_error("parameter '" + specs_.back().path + "': only a real parameter takes an uncertainty");
  }
  specs_.back().uncertainty = {distribution, relative_sd, std::move(source)};
  return *this;
}

ParamTable& ParamTable::optional() {
  if (specs_.empty()) throw std::logic_error("optional() called before any parameter was declared");
  specs_.back().is_optional = true;
  return *this;
}

ParamTable& ParamTable::list(std::string path, ParamType element, std::string unit, double min, double max,
                             std::size_t min_items, std::size_t max_items, std::string description) {
  if (element == ParamType::TableArray) {
    throw std::invalid_argument("parameter '" + path + "': a list of tables");
  }
  if (!(min <= max) || min_items > max_items)
    throw std::invalid_argument("parameter '" + path + "': min must not exceed max");
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = element;
  spec.shape = ParamShape::List;
  spec.unit = std::move(unit);
  spec.min = min;
  spec.max = max;
  spec.min_items = min_items;
  spec.max_items = max_items;
  spec.description = std::move(description);
  spec.is_optional = true;
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::interval(std::string path, std::string unit, double min, double max,
                                 std::string description) {
  if (!(min <= max)) throw std::invalid_argument("parameter '" + path + "': min must not exceed max");
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Real;
  spec.shape = ParamShape::Interval;
  spec.unit = std::move(unit);
  spec.min = min;
  spec.max = max;
  spec.description = std::move(description);
  spec.is_optional = true;
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::path(std::string path, std::string description) {
  choice(std::move(path), "", {}, std::move(description), "");
  specs_.back().is_path = true;
  specs_.back().is_optional = true;
  return *this;
}

ParamTable& ParamTable::key_of(std::string path, std::shared_ptr<const KeyDomain> domain,
                               std::string description) {
  if (!domain || !domain->names) throw std::invalid_argument("parameter '" + path + "': no key domain");
  choice(std::move(path), "", {}, std::move(description), "");
  specs_.back().domain = std::move(domain);
  specs_.back().is_optional = true;
  return *this;
}

ParamTable& ParamTable::value_of(std::string path, std::string key_path, bool list, std::string description) {
  const ParamSpec* key = find(key_path);
  if (key == nullptr || !key->domain || key->shape != ParamShape::Single || !key->domain->check) {
    throw std::invalid_argument("parameter '" + path + "': '" + key_path +
                                "' must be declared before it, with key_of and a domain that checks values");
  }
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Choice;  // any scalar: the named key's declaration decides
  spec.shape = list ? ParamShape::List : ParamShape::Single;
  spec.min_items = list ? 1 : 0;
  spec.max_items = list ? std::numeric_limits<std::size_t>::max() : 0;
  spec.value_of = std::move(key_path);
  spec.domain = key->domain;
  spec.description = std::move(description);
  spec.is_optional = true;
  add(std::move(spec));
  return *this;
}

ParamTable& ParamTable::open_table(std::string path, std::shared_ptr<const KeyDomain> domain,
                                   std::string description) {
  if (!domain || !domain->names || !domain->check)
    throw std::invalid_argument("parameter '" + path + "': an open table needs a domain that checks values");
  ParamSpec spec;
  spec.path = std::move(path);
  spec.type = ParamType::Choice;
  spec.shape = ParamShape::OpenTable;
  spec.domain = std::move(domain);
  spec.description = std::move(description);
  spec.is_optional = true;
  add(std::move(spec));
  return *this;
}

const ParamSpec* ParamTable::find(const std::string& path) const {
  for (const auto& spec : specs_) {
    if (spec.path == path) return &spec;
  }
  return nullptr;
}

void ParamTable::add(ParamSpec spec) {
  check_path_syntax(spec.path);
  for (const auto& existing : specs_) {
    if (existing.path == spec.path)
      throw std::invalid_argument("parameter '" + spec.path + "' declared twice");
    if (is_prefix_section(existing.path, spec.path) || is_prefix_section(spec.path, existing.path)) {
      throw std::invalid_argument("parameters '" + existing.path + "' and '" + spec.path +
                                  "' conflict: one would be both a value and a section");
    }
  }
  specs_.push_back(std::move(spec));
}

const Scalar& ParamValues::at(const std::string& path) const {
  auto it = scalars_.find(path);
  if (it == scalars_.end()) throw std::out_of_range("no value for parameter '" + path + "'");
  return it->second;
}

double ParamValues::real(const std::string& path) const {
  const Scalar& value = at(path);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  throw_wrong_type(path, "a real number", value);
}

std::int64_t ParamValues::integer(const std::string& path) const {
  const Scalar& value = at(path);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  throw_wrong_type(path, "an integer", value);
}

bool ParamValues::boolean(const std::string& path) const {
  const Scalar& value = at(path);
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  throw_wrong_type(path, "a boolean", value);
}

const std::string& ParamValues::choice(const std::string& path) const {
  const Scalar& value = at(path);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  throw_wrong_type(path, "a string", value);
}

const std::vector<ParamValues>& ParamValues::items(const std::string& path) const {
  auto it = arrays_.find(path);
  if (it == arrays_.end()) throw std::out_of_range("no table array '" + path + "'");
  return it->second;
}

const std::vector<Scalar>& ParamValues::list(const std::string& path) const {
  auto it = lists_.find(path);
  if (it == lists_.end()) throw std::out_of_range("no list '" + path + "'");
  return it->second;
}

std::pair<double, double> ParamValues::interval(const std::string& path) const {
  const auto& bounds = list(path);
  const auto* lo = bounds.size() == 2 ? std::get_if<double>(&bounds[0]) : nullptr;
  const auto* hi = bounds.size() == 2 ? std::get_if<double>(&bounds[1]) : nullptr;
  if (lo == nullptr || hi == nullptr) throw std::out_of_range("'" + path + "' is not an interval");
  return {*lo, *hi};
}

const std::map<std::string, Scalar>& ParamValues::table(const std::string& path) const {
  auto it = tables_.find(path);
  if (it == tables_.end()) throw std::out_of_range("no table '" + path + "'");
  return it->second;
}

bool ParamValues::has(const std::string& path) const {
  return scalars_.find(path) != scalars_.end() || arrays_.find(path) != arrays_.end() ||
         lists_.find(path) != lists_.end() || tables_.find(path) != tables_.end();
}

void ParamValues::set_list(const std::string& path, std::vector<Scalar> list) {
  lists_[path] = std::move(list);
}

void ParamValues::set_table(const std::string& path, std::map<std::string, Scalar> table) {
  tables_[path] = std::move(table);
}

void ParamValues::set(const std::string& path, Scalar value) { scalars_[path] = std::move(value); }

void ParamValues::set_items(const std::string& path, std::vector<ParamValues> items) {
  arrays_[path] = std::move(items);
}

}  // namespace sim::config
