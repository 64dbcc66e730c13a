#pragma once
// A one-page, self-contained HTML report of a run's results file (coachsim report, run --report):
// the scenario in plain words, the summary tables, the figures inline (PNG as data: URIs, drawn by
// the analysis package) and the provenance. It loads nothing from the network.
#include <filesystem>
#include <string>

#include "models/params.hpp"

namespace coachsim::app {

// "299 patients ... followed for 6 months ..." (durations in months).
std::string scenario_in_words(const ModelParams& params);

// Base64 (RFC 4648, with padding).
std::string base64(const std::string& bytes);

// Writes the report of `results` (a run file) to `html`, atomically. Throws sim::InputError for a
// file that is not a run's results.
void write_html_report(const std::filesystem::path& results, const std::filesystem::path& html);

}  // namespace coachsim::app
