#pragma once
// File-system steps shared by everything that writes outputs (results files, sweep journals,
// shard files): refusing an existing output, and making a new file's name durable.
#include <filesystem>

namespace sim::io {

// The directory holding `file` ("." for a bare file name).
std::filesystem::path directory_of(const std::filesystem::path& file);

// Throws sim::OutputExists when `path` exists and !overwrite.
void refuse_existing(const std::filesystem::path& path, bool overwrite);

// fsyncs a file or directory, best effort: errors are ignored (some file systems do not let a
// directory be opened).
void sync_best_effort(const std::filesystem::path& path);

// fsyncs the directory holding `file`, so that a file created or renamed there survives a crash.
void sync_directory_of(const std::filesystem::path& file);

}  // namespace sim::io
