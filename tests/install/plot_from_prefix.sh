#!/bin/sh
# Installs coachsim into a temporary prefix and uses it from outside the source tree: the default
# scenario, init's templates, --plot and report must come from PREFIX/share/coachsim.
# Usage: plot_from_prefix.sh BUILD_DIR PREFIX PYTHON
set -eu
build=$1 prefix=$2 python=$3
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# The interpreter coachsim starts for figures, logging where it was told to find the package.
cat > python <<EOS
#!/bin/sh
echo "\$PYTHONPATH" >> "$work/pythonpath.log"
exec "$python" "\$@"
EOS
chmod +x python
unset PYTHONPATH
export COACHSIM_PYTHON="$work/python" MPLBACKEND=Agg
share="$prefix/share/coachsim"
"$prefix/bin/coachsim" run --replicates 3 -o run.h5 --plot figures --report report.html > run.txt
grep -q "coachsim: $share/scenarios/default.toml" run.txt || { echo "default scenario not from $share:"; cat run.txt; exit 1; }
test -s figures/hba1c_trajectory.png || { echo "no figure"; exit 1; }
grep -q 'data:image/png;base64,' report.html || { echo "report without figures"; exit 1; }
case "$(head -n 1 pythonpath.log)" in
  "$share/analysis"*) ;;
  *) echo "analysis package not from $share: $(cat pythonpath.log)"; exit 1 ;;
esac
"$prefix/bin/coachsim" init --template county -o county.toml > /dev/null
"$prefix/bin/coachsim" validate county.toml
echo "installed coachsim works from $prefix"
