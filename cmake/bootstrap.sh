#!/usr/bin/env bash
# Installs the Debian packages coachsim needs, only those that are missing.
# Idempotent: when everything is present it returns at once without touching apt.
#   cmake/bootstrap.sh           build, test and analysis dependencies
#   cmake/bootstrap.sh --list    print the package list and exit
#   COACHSIM_BOOTSTRAP_EXTRAS="slurm r browser fuzz"  also install Slurm / R / Chromium / clang with libFuzzer
#                                                     (cluster, R and HTML report tests; fuzz harnesses)
set -euo pipefail

core_packages=(
  build-essential cmake ninja-build git pkg-config
  libboost-dev libboost-random-dev libtbb-dev libhdf5-dev libcli11-dev
  libtomlplusplus-dev libnlopt-cxx-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  openmpi-bin libopenmpi-dev
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-netcdf4
  python3-matplotlib python3-pandas python3-pytest
)
slurm_packages=(slurmctld slurmd slurm-client munge)
r_packages=(r-base-core r-cran-hdf5r)
browser_packages=(chromium)
fuzz_packages=(clang libclang-rt-14-dev)

packages=("${core_packages[@]}")
for extra in ${COACHSIM_BOOTSTRAP_EXTRAS:-}; do
  case "$extra" in
    slurm) packages+=("${slurm_packages[@]}") ;;
    r) packages+=("${r_packages[@]}") ;;
    browser) packages+=("${browser_packages[@]}") ;;
    fuzz) packages+=("${fuzz_packages[@]}") ;;
    *) echo "bootstrap: unknown extra '$extra' (known: slurm r browser fuzz)" >&2; exit 2 ;;
  esac
done

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "bootstrap: this system has no apt/dpkg; install these Debian 12 packages (or equivalents) by hand:" >&2
  printf '  %s\n' "${packages[@]}" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f '${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

echo "bootstrap: installing ${#missing[@]} missing packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
apt_install=("${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
if ! "${apt_install[@]}" "${missing[@]}"; then
  echo "bootstrap: install failed, refreshing the package index and retrying" >&2
  "${sudo_cmd[@]}" apt-get update -q
  "${apt_install[@]}" "${missing[@]}"
fi
