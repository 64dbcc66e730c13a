#!/usr/bin/env bash
# A throw-away one-node Slurm on this machine, for the cluster tests (tests/cluster/slurm_array_test.sh)
# and for trying docs/cluster/*.sbatch without a cluster. Needs root and the Debian packages
# slurmctld slurmd slurm-client munge (COACHSIM_BOOTSTRAP_EXTRAS=slurm cmake/bootstrap.sh).
#
#   tests/cluster/slurm_local.sh start    write a private slurm.conf, start munged (unless one runs),
#                                         slurmctld and slurmd, wait until the node is idle
#   tests/cluster/slurm_local.sh stop     cancel leftover jobs, stop what `start` started (by PID)
#   tests/cluster/slurm_local.sh env      print `export SLURM_CONF=...` for this cluster's clients
#
# Environment: SLURM_LOCAL_DIR (state, logs, PIDs; default /tmp/coachsim-slurm), SLURM_LOCAL_CPUS
# (CPUs advertised, may exceed nproc; default nproc), SLURM_LOCAL_PORT (slurmctld port, slurmd
# uses the next one; default 16817), SLURM_LOCAL_LIFETIME (seconds before the daemons stop by
# themselves; default 3600). Nothing outside SLURM_LOCAL_DIR is written except /etc/munge/munge.key
# (created when missing) and munged's /run/munge. Exit status 0, or 1 with the daemons' log tails.
set -euo pipefail

DIR=${SLURM_LOCAL_DIR:-/tmp/coachsim-slurm}
CONF="$DIR/slurm.conf"
HOST=$(hostname -s)  # slurmctld only starts where SlurmctldHost is this host's short name
CPUS=${SLURM_LOCAL_CPUS:-$(nproc)}
PORT=${SLURM_LOCAL_PORT:-16817}
LIFETIME=${SLURM_LOCAL_LIFETIME:-3600}
export SLURM_CONF=$CONF

log() { echo "[slurm_local] $*" >&2; }
die() {
  log "ERROR: $*"
  for f in "$DIR"/log/*; do [ -s "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}
# wait_until SECONDS COMMAND...: polls COMMAND every 0.2 s.
wait_until() {
  local end=$(($(date +%s) + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || return 1
    sleep 0.2
  done
}
# alive NAME: the daemon NAME started here still runs (its PID file names a live NAME process).
alive() {
  local pid
  pid=$(cat "$DIR/run/$1.pid" 2>/dev/null) || return 1
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$1"
}

# launch NAME COMMAND...: runs a foreground daemon in its own session under `timeout`, records its PID.
launch() {
  local name=$1 wrapper child=""
  shift
  setsid timeout -k 10 "$LIFETIME" "$@" </dev/null >"$DIR/log/$name.out" 2>&1 &
  wrapper=$!
  for _ in $(seq 50); do
    child=$(ps -o pid= --ppid "$wrapper" 2>/dev/null | awk 'NR==1{print $1}' || true)
    [ -n "$child" ] && break
    sleep 0.1
  done
  [ -n "$child" ] || die "$name did not start"
  echo "$child" >"$DIR/run/$name.pid"
  log "started $name (pid $child)"
}

stop_one() {
  local name=$1 pid
  alive "$name" || { rm -f "$DIR/run/$name.pid"; return 0; }
  pid=$(cat "$DIR/run/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do alive "$name" || break; sleep 0.2; done
  if alive "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$DIR/run/$name.pid"
  log "stopped $name (pid $pid)"
}

write_conf() {
  local memory overrides=""
  [ "$CPUS" -le "$(nproc)" ] || overrides="SlurmdParameters=config_overrides"  # advertise more CPUs than exist
  memory=$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)  # above the real value: node INVALID
  cat >"$CONF" <<CONF
# one-node Slurm written by tests/cluster/slurm_local.sh; safe to delete
ClusterName=coachsim-local
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
EnforcePartLimits=ALL
MailProg=/bin/true
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmctldPidFile=$DIR/run/slurmctld.daemon.pid
SlurmdPidFile=$DIR/run/slurmd.daemon.pid
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
MinJobAge=3600
InactiveLimit=0
KillWait=5
Waittime=0
$overrides
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
}

munge_works() { munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; }
node_idle() { [ "$(sinfo -h -n "$HOST" -o %T 2>/dev/null)" = idle ]; }
no_jobs() { [ -z "$(squeue -h 2>/dev/null)" ]; }

start() {
  [ "$(id -u)" = 0 ] || die "needs root"
  for tool in slurmctld slurmd sbatch munged; do
    command -v "$tool" >/dev/null || die "$tool not installed (COACHSIM_BOOTSTRAP_EXTRAS=slurm cmake/bootstrap.sh)"
  done
  for name in munged slurmctld slurmd; do ! alive "$name" || die "$name already started here; run '$0 stop'"; done
  rm -rf "$DIR/state" "$DIR/spool"
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/run"
  chmod 700 "$DIR/state" "$DIR/spool"
  write_conf
  if munge_works; then
    log "reusing the running munged"
  else
    [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key </dev/null
    chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/log/munge
    install -d -o munge -g munge -m 0711 /var/lib/munge
    launch munged setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground
    wait_until 30 munge_works || die "munged does not answer"
  fi
  launch slurmctld /usr/sbin/slurmctld -D -i -f "$CONF"
  wait_until 120 scontrol ping || die "slurmctld does not answer"
  launch slurmd /usr/sbin/slurmd -D -N "$HOST" -f "$CONF"
  wait_until 120 node_idle || die "node $HOST never became idle"
  log "node $HOST idle with $CPUS CPUs; clients need: export SLURM_CONF=$CONF"
}

stop() {
  if alive slurmctld && [ -n "$(squeue -h 2>/dev/null)" ]; then
    squeue -h -o %A | sort -u | xargs -r scancel --quiet || true
    wait_until 30 no_jobs || log "jobs still listed after 30 s"
  fi
  stop_one slurmd
  stop_one slurmctld
  stop_one munged
}

mkdir -p "$DIR/log" "$DIR/run"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
