#pragma once
// Where a run's time goes: wall seconds per named piece of work (each phase of the schedule, and
// whatever else the caller times, such as initialization or recording), summed over steps and
// replicates, in the order each name was first seen. A profile is filled by one thread; profiles of
// replicates that ran in parallel are merged afterwards.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace sim {

class PhaseProfile {
 public:
  struct Entry {
    std::string name;
    double seconds = 0;
    std::size_t calls = 0;
  };

  void add(const std::string& name, double seconds, std::size_t calls = 1);
  void merge(const PhaseProfile& other);
  const std::vector<Entry>& entries() const { return entries_; }
  double total_seconds() const;

  // Times `work` and adds it under `name`; with no profile, just runs it.
  template <class Work>
  static void time(PhaseProfile* profile, const std::string& name, Work&& work) {
    if (profile == nullptr) {
      work();
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    work();
    profile->add(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace sim
