#pragma once
// Errors the user can fix: a bad scenario, sweep or calibration file, a bad argument, an output
// file already in the way. A command exits 2 on an InputError and 1 on any other exception, so
// the same mistake gets the same exit status whichever command and layer notices it.
//
// The engine words no command-line advice: OutputExists says only that the file exists, and the
// command line adds how to overwrite it.
//
// std::runtime_error is a virtual base, so a subclass that already initialises
// std::runtime_error itself (sim::config::ConfigErrors) can derive from InputError unchanged;
// every subclass must name std::runtime_error in its constructor.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace sim {

class InputError : public virtual std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}

 protected:
  // For subclasses, which initialise the virtual base themselves.
  InputError() : std::runtime_error("") {}
};

// An output file exists and the caller did not ask to overwrite it. what() is "<path> exists".
class OutputExists : public InputError {
 public:
  explicit OutputExists(const std::filesystem::path& path)
      : std::runtime_error(path.string() + " exists"), path_(path) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sim
