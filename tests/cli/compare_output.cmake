# cmake -P script: runs COMMAND (a ;-list) in WORKING_DIRECTORY and fails unless its output equals the
# file EXPECTED. The output is the command's standard output, or the file ACTUAL_FILE when given.
# Keeps generated documents (docs/parameters.md) and the golden baseline in step with the code.
execute_process(COMMAND ${COMMAND} WORKING_DIRECTORY "${WORKING_DIRECTORY}" OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "command failed (${rc}): ${COMMAND}")
endif()
if(DEFINED ACTUAL_FILE)
  file(READ "${ACTUAL_FILE}" actual)
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${EXPECTED} differs from the output; if the change is on purpose, regenerate it with: ${REGENERATE}")
endif()
