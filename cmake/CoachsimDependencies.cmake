# All dependencies come from Debian packages through find_package; nothing is downloaded.
# cmake/bootstrap.sh installs them.
find_package(Boost 1.74 REQUIRED)  # Boost.Random distributions are header-only
find_package(TBB REQUIRED)
set(HDF5_PREFER_PARALLEL FALSE)  # pin the serial HDF5 even when the OpenMPI build is installed
find_package(HDF5 REQUIRED COMPONENTS C HL)  # HL: dimension scales (H5DS) for netCDF-4 layout
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(NLopt REQUIRED)
find_package(nlohmann_json 3 REQUIRED)  # the summaries' JSON (app/json_text.hpp)

if(COACHSIM_WITH_MPI STREQUAL "AUTO")
  find_package(MPI COMPONENTS CXX)
  set(COACHSIM_HAVE_MPI ${MPI_CXX_FOUND})
elseif(COACHSIM_WITH_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)
  set(COACHSIM_HAVE_MPI ON)
else()
  set(COACHSIM_HAVE_MPI OFF)
endif()

if(COACHSIM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(COACHSIM_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# HDF5 as one imported target (FindHDF5 in CMake 3.25 gives variables, and hdf5::hdf5 only sometimes).
add_library(coachsim_hdf5 INTERFACE)
target_include_directories(coachsim_hdf5 SYSTEM INTERFACE ${HDF5_C_INCLUDE_DIRS} ${HDF5_INCLUDE_DIRS})
target_link_libraries(coachsim_hdf5 INTERFACE
  ${HDF5_C_HL_LIBRARIES} ${HDF5_HL_LIBRARIES} ${HDF5_C_LIBRARIES} ${HDF5_LIBRARIES})
target_compile_definitions(coachsim_hdf5 INTERFACE ${HDF5_C_DEFINITIONS} ${HDF5_DEFINITIONS})
