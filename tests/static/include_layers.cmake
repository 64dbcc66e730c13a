# Fails when a lower layer includes a higher one: nothing in sim/ may include "models/" or "app/",
# nothing in models/ may include "app/" (docs/architecture.md, Layers).
# Usage: cmake -DSOURCE_DIR=<repository root> -P include_layers.cmake
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "SOURCE_DIR is not set")
endif()

set(violations "")
foreach(layer_and_forbidden "sim:models|app" "models:app")
  string(REPLACE ":" ";" parts "${layer_and_forbidden}")
  list(GET parts 0 layer)
  list(GET parts 1 forbidden)
  file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
    "${SOURCE_DIR}/${layer}/*.cpp" "${SOURCE_DIR}/${layer}/*.hpp" "${SOURCE_DIR}/${layer}/*.h"
    "${SOURCE_DIR}/${layer}/*.in")
  foreach(source IN LISTS sources)
    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<](${forbidden})/")
    foreach(line IN LISTS lines)
      string(STRIP "${line}" line)
      string(APPEND violations "  ${source}: ${line}\n")
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "lower layers include higher ones (sim/ must not include models/ or app/, "
                      "models/ must not include app/):\n${violations}")
endif()
message(STATUS "include layers: sim/ includes neither models/ nor app/, models/ does not include app/")
