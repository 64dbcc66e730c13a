// libFuzzer harness: sweep journals and shard files -- the record framing (lengths, checksums),
// the header and every run record, as `merge` and `--resume` read them.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "app/sweep/run_record.hpp"
#include "app/sweep/sweep_journal.hpp"
#include "sim/input_error.hpp"
#include "sim/sweep/journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "fuzz-journal-" + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    sim::sweep::JournalReader reader(path);
    static_cast<void>(coachsim::app::decode_header(reader.header(), path));
    sim::sweep::Bytes payload;
    std::uint64_t offset = 0;
    while (reader.next(payload, &offset)) {
      try {
        static_cast<void>(coachsim::app::decode_run(payload));
        static_cast<void>(reader.read_at(offset));
      } catch (const std::runtime_error&) {
      }
    }
    static_cast<void>(reader.trailing_bytes());
  } catch (const sim::InputError&) {
  } catch (const std::exception&) {
  }
  return 0;
}
