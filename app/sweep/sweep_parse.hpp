#pragma once
// The sweep file's own structure (docs/sweeps.md), before the base scenario and the model are
// involved: top-level keys, [set], [sweep] and [[axes]], each checked for unknown keys, types
// and the combinations that make sense. Internal to app/sweep.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/sweep/design.hpp"

namespace coachsim::app::sweep_detail {

struct LocatedValue {
  std::string path;
  sim::config::Scalar value;
  sim::config::SourceLocation at;
};

struct LocatedAxis {
  sim::sweep::Axis axis;
  sim::config::SourceLocation at;  // the parameter key of the [[axes]] entry
};

struct ParsedSweep {
  std::string base;  // as written, relative to the sweep file
  sim::config::SourceLocation base_at;
  std::vector<LocatedValue> set;
  sim::config::SourceLocation set_at;
  std::int64_t replicates = 1;
  std::int64_t seed = 0;
  sim::sweep::Method method = sim::sweep::Method::Grid;
  std::int64_t points = 0;
  sim::config::SourceLocation sweep_at;
  std::vector<LocatedAxis> axes;
};

// Checks everything the sweep file can say about itself against `schema` (parameter names,
// types and declared ranges of values); appends every problem to `errors`.
ParsedSweep parse_sweep_text(const sim::config::Schema& schema, const std::string& text, const std::string& display,
                             std::vector<sim::config::ConfigError>& errors);

// Parameters that cannot be swept or set in a sweep, with the reason; nullptr when allowed.
const char* reserved_reason(const std::string& path, bool axis);

}  // namespace coachsim::app::sweep_detail
