#pragma once
// Temporary output files (`OUT.h5.tmp-<pid>`) and their cleanup on every exit path:
//  - a normal exit or an exception: the owner (sim::io::AtomicFile) removes its file;
//  - a fatal signal (the second SIGINT/SIGTERM, see sim/sweep/interrupt.hpp): the signal handler
//    calls remove_registered_temp_files(), which only uses async-signal-safe calls;
//  - kill -9 or a power failure: the next writer of the same output removes the temporary files
//    of processes that no longer exist (remove_stale_temp_files).
#include <cstddef>
#include <filesystem>

namespace sim::io {

// Registers `path` for removal by remove_registered_temp_files() until the returned token is
// given to unregister_temp_file(). At most kMaxRegisteredTempFiles at a time (more are simply not
// registered: the owner still removes them on normal exits). Returns -1 when not registered.
inline constexpr std::size_t kMaxRegisteredTempFiles = 16;
int register_temp_file(const std::filesystem::path& path) noexcept;
void unregister_temp_file(int token) noexcept;

// Unlinks every registered file. Async-signal-safe (atomics and unlink(2) only).
void remove_registered_temp_files() noexcept;

// The temporary name of `final_path` for process `pid`: final_path + ".tmp-<pid>".
std::filesystem::path temp_path_for(const std::filesystem::path& final_path, long pid);

// Removes `final_path + ".tmp-<pid>"` files left by processes that have ended (on this host:
// no such pid; on any host: nobody holds the file's HDF5 lock). Best effort: errors are ignored.
// Returns how many files were removed.
std::size_t remove_stale_temp_files(const std::filesystem::path& final_path) noexcept;

}  // namespace sim::io
