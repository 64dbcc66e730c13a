#!/usr/bin/env bash
# The same sweep on 1 and on 2 threads gives the same file.
source "$(dirname "$0")/lib.sh"

expect 0 "$COACHSIM" sweep "$SMALL" -o one.h5 --threads 1
expect 0 "$COACHSIM" sweep "$SMALL" -o two.h5 --threads 2 --summary-json summary.json
same one.h5 two.h5
contains summary.json '"ok": 20'
contains summary.json '"failed": 0'
echo "ok"
