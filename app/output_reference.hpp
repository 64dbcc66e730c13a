#pragma once
// The reference of results files and summary statistics, made from the output catalog and the
// statistics list (`coachsim outputs`; docs/output.md is its markdown).
#include <string>

namespace coachsim::app {

std::string output_reference_text();
std::string output_reference_markdown();

}  // namespace coachsim::app
