#pragma once
// The sweep file's own structure (docs/sweeps.md, docs/sweep-file.md), before the base scenario
// and the model are involved: a declared kind read by the one front end (sim/config/document.hpp),
// turned into the sweep's structures with the combinations that make sense. Internal to app/sweep
// (and to `coachsim validate --reference sweep`).
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
  std::string base;  // resolved against the sweep file's directory
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

// The declaration of sweep files: [set] keys and swept parameters are keys of `scenario` (which
// must outlive the result), their values checked by its declarations.
sim::config::Schema sweep_schema(const sim::config::Schema& scenario);

// Checks everything the sweep file can say about itself against `schema` (parameter names,
// types and declared ranges of values); appends every problem to `errors`.
ParsedSweep parse_sweep_text(const sim::config::Schema& schema, const std::string& text, const std::string& display,
                             std::vector<sim::config::ConfigError>& errors);

// Parameters that cannot be swept or set in a sweep, with the reason (to follow the name);
// nullptr when allowed.
const char* reserved_reason(const std::string& path, bool axis);

}  // namespace coachsim::app::sweep_detail
