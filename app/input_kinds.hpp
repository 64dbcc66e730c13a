#pragma once
// The kinds of input file coachsim reads, each a declared schema read by the one front end
// (sim/config/document.hpp): scenarios, parameter sweeps, targets and calibration files.
// `coachsim validate` checks any of them and prints their generated references (docs/*-file.md).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachsim::app {

enum class InputKind { Scenario, Sweep, Targets, Calibration };

std::string kind_name(InputKind kind);  // "scenario", "sweep", "targets", "calibration"
std::optional<InputKind> kind_from_name(std::string_view name);
std::vector<std::string> kind_names();

// The kind a file's top-level keys say it is: [sweep], [[axes]] or base -> sweep; [[targets]] ->
// targets; [[parameters]] or [search] -> calibration; anything else (or unreadable TOML) -> scenario.
InputKind detect_kind(const std::filesystem::path& file);

// Reads and checks `file` as `kind` with everything it refers to (a sweep's base scenario and
// every point, a calibration's scenario and targets); throws sim::config::ConfigErrors.
void validate_file(InputKind kind, const std::filesystem::path& file);

// The kind's reference, generated from its declarations (markdown: docs/parameters.md and
// docs/<kind>-file.md).
std::string kind_reference(InputKind kind, bool markdown);

}  // namespace coachsim::app
