# Interface targets that carry warnings and sanitizer flags; project targets link them,
# third-party headers (included as SYSTEM) are not affected.
add_library(coachsim_warnings INTERFACE)
target_compile_options(coachsim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 reports false -Wrestrict positives inside std::string at -O2/-O3 (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(coachsim_warnings INTERFACE -Wno-restrict)
endif()
if(COACHSIM_WARNINGS_AS_ERRORS)
  target_compile_options(coachsim_warnings INTERFACE -Werror)
endif()

add_library(coachsim_sanitizers INTERFACE)
if(COACHSIM_SANITIZE)
  target_compile_options(coachsim_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(coachsim_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

if(COACHSIM_TSAN)
  if(COACHSIM_SANITIZE)
    message(FATAL_ERROR "COACHSIM_TSAN and COACHSIM_SANITIZE cannot be combined")
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "COACHSIM_TSAN needs clang (its ignorelist keeps oneTBB's headers uninstrumented): "
                        "configure with the tsan preset")
  endif()
  target_compile_options(coachsim_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer
    -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/tests/tsan_ignorelist.txt)
  target_link_options(coachsim_sanitizers INTERFACE -fsanitize=thread)
endif()

# Fuzzing (docs/fuzzing.md): every project target gets coverage instrumentation and ASan/UBSan;
# the harnesses in tests/fuzz link libFuzzer's main. Line tables are all a sanitizer report needs
# (functions, files, lines, inlined frames) and build faster than full debug information.
if(COACHSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "COACHSIM_FUZZ needs clang: configure with CC=clang CXX=clang++")
  endif()
  target_compile_options(coachsim_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only)
  target_link_options(coachsim_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# Every project target links this one.
add_library(coachsim_project_options INTERFACE)
target_link_libraries(coachsim_project_options INTERFACE coachsim_warnings coachsim_sanitizers)
