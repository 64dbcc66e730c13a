#pragma once
#include <filesystem>
#include <string_view>

namespace sim::io {

// Writes `text` to a temporary file beside `path` and renames it into place, so readers never
// see a partial file.
void write_text_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace sim::io
