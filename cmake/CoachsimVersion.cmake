# Generates build_info.cpp at build time (not configure time) so the git commit is never stale.
set(COACHSIM_BUILD_INFO_CPP "${CMAKE_CURRENT_BINARY_DIR}/generated/build_info.cpp")
add_custom_target(coachsim_build_info_gen
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
    -DOUTPUT=${COACHSIM_BUILD_INFO_CPP}
    -DVERSION=${PROJECT_VERSION}
    -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DCOMPILER=${CMAKE_CXX_COMPILER_ID}-${CMAKE_CXX_COMPILER_VERSION}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteBuildInfo.cmake
  BYPRODUCTS ${COACHSIM_BUILD_INFO_CPP}
  COMMENT "Recording version and git commit")
