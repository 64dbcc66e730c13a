# cmake -P script: runs COMMAND (a ;-list) and fails unless its standard output equals the file EXPECTED.
# Used to keep generated documents (docs/parameters.md) in step with the code.
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "command failed (${rc}): ${COMMAND}")
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${EXPECTED} is stale; regenerate it with: ${REGENERATE}")
endif()
