#!/usr/bin/env bash
# `make test-slurm`: `lrlab slurm` against a real, throwaway single-node Slurm (../shared/docs/SLURM.md).
#
# Installs slurm-wlm and munge when missing, starts munged, slurmctld and slurmd with every file
# (config, key, state, spool, logs, pid files) under one temporary folder and free ports, submits an
# 8-run sweep as 4 shards with `lrlab slurm`, waits for the queue to empty and checks that the merged
# results.csv equals an unsharded `lrlab run` of the same sweep (wall_seconds dropped), then submits
# again and checks that nothing is retrained (results.csv byte for byte as it was). On exit it
# tears down exactly what it started, by PID.
#
# LRLAB=path/to/lrlab (default: .build/release/lrlab); KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
started_at=$(date +%s.%N)

lrlab=$(realpath "${LRLAB:-.build/release/lrlab}")
[[ -x $lrlab ]] || { echo "test-slurm: no lrlab binary at $lrlab (make release)" >&2; exit 1; }

# --- packages (only when one is missing) ---
missing=()
for p in slurm-wlm munge; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "test-slurm: installing ${missing[*]}"
    sudo=$([[ $(id -u) == 0 ]] || echo sudo)
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

tmp=$(mktemp -d /tmp/lrlab-slurm.XXXXXX)
chmod 755 "$tmp"
conf=$tmp/slurm.conf
munged_pid='' ctld_pid='' slurmd_pid=''
status=1

log() { echo "test-slurm: $*" >&2; }

# --- teardown: only what this script started, by PID ---
teardown() {
    local code=$?
    set +e
    if [[ -n $ctld_pid ]] && kill -0 "$ctld_pid" 2>/dev/null; then
        SLURM_CONF=$conf scancel --full --user="$(id -un)" 2>/dev/null
        for _ in $(seq 50); do
            [[ -z $(SLURM_CONF=$conf squeue -h 2>/dev/null) ]] && break
            sleep 0.1
        done
    fi
    for pid in $slurmd_pid $ctld_pid; do
        kill "$pid" 2>/dev/null
    done
    for pid in $slurmd_pid $ctld_pid; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    done
    # slurmstepd (re-parented to PID 1, deaf to SIGTERM) and any job process left: every process
    # whose environment holds this SLURM_CONF, except this shell and its own children.
    local dir pid ppid
    for dir in /proc/[0-9]*; do
        pid=${dir#/proc/}
        [[ $pid == "$$" ]] && continue
        grep -qzxF -- "SLURM_CONF=$conf" "$dir/environ" 2>/dev/null || continue
        ppid=$(awk '/^PPid:/ {print $2}' "$dir/status" 2>/dev/null)
        [[ -z $ppid || $ppid == "$$" ]] && continue
        log "killing leftover process $pid ($(tr '\0' ' ' 2>/dev/null < "$dir/cmdline" | cut -c1-80))"
        kill -9 "$pid" 2>/dev/null
    done
    if [[ -n $munged_pid ]]; then
        kill "$munged_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$munged_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$munged_pid" 2>/dev/null
    fi
    if [[ $code == 0 && $status == 0 && -z ${KEEP:-} ]]; then
        rm -rf "$tmp"
    else
        log "kept $tmp (logs in $tmp/log)"
    fi
    exit "$code"
}
trap teardown EXIT
# A signal ends the script through exit, so the EXIT trap tears down too.
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {  # wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s
    local seconds=$1 what=$2; shift 2
    local end=$(( $(date +%s) + seconds ))
    until "$@"; do
        if (( $(date +%s) >= end )); then log "timed out after ${seconds}s waiting for $what"; return 1; fi
        sleep 0.2
    done
}

# --- munge ---
mkdir -p "$tmp"/{munge-key,munge-run,munge-lib,log,state,spool,run,work}
chmod 700 "$tmp/munge-key" "$tmp/munge-lib"
chmod 755 "$tmp/munge-run"
mungekey --create --keyfile="$tmp/munge-key/munge.key"
socket=$tmp/munge-run/munge.socket
munged --foreground --socket="$socket" --key-file="$tmp/munge-key/munge.key" \
    --pid-file="$tmp/munge-run/munged.pid" --seed-file="$tmp/munge-lib/munge.seed" \
    --log-file="$tmp/log/munged.log" >"$tmp/log/munged.out" 2>&1 &
munged_pid=$!
wait_for 10 munged bash -c "munge -n --socket='$socket' | unmunge --socket='$socket' >/dev/null 2>&1"

# --- slurm.conf ---
host=$(hostname -s)
cpus=$(nproc)
memory=$(free -m | awk '/^Mem:/ {print int($7 * 0.9)}')
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [[ $slurmd_port == "$ctld_port" ]]; do slurmd_port=$(free_port); done
cat > "$conf" <<EOF
ClusterName=lrlabtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SchedulerParameters=batch_sched_delay=0
DependencyParameters=kill_invalid_depend
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf

# --- slurmctld, slurmd ---
slurmctld -D -f "$conf" >"$tmp/log/slurmctld.out" 2>&1 &
ctld_pid=$!
slurmd -D -f "$conf" >"$tmp/log/slurmd.out" 2>&1 &
slurmd_pid=$!
node_idle() { [[ $(sinfo -h -n "$host" -o %t 2>/dev/null) == idle ]]; }
wait_for 30 "the node to be idle" node_idle
ready_at=$(date +%s.%N)
log "slurm is up ($(awk -v a="$started_at" -v b="$ready_at" 'BEGIN {printf "%.1f", b - a}') s)"

# --- the sweep: 8 runs on digits ---
cat > "$tmp/work/sweep.yaml" <<'EOF'
name: slurm-test
title: lrlab slurm end to end
seed: 7
data: {dataset: digits}
model: {hidden: [16]}
train:
  epochs: 2
  optimizer: {name: momentum, momentum: 0.9}
grid:
  train.batch_size: [32, 64, 128, 256]
  train.learning_rate: [0.05, 0.2]
EOF

# The unsharded reference.
(cd "$tmp/work" && "$lrlab" run sweep.yaml -o reference --jobs 1 --no-report --quiet >/dev/null)

# Submitted from the sweep's folder with relative paths: the scripts hold absolute ones.
(cd "$tmp/work" && "$lrlab" slurm sweep.yaml -o sharded --shards 4 --sbatch=--cpus-per-task=1 \
    --sbatch="--job-name=lrlab slurm test" >"$tmp/log/submit.out")
cat "$tmp/log/submit.out"
submitted_at=$(date +%s.%N)

queue_empty() { [[ -z $(squeue -h 2>/dev/null) ]] && squeue >/dev/null 2>&1; }
wait_for 120 "the queue to empty" queue_empty
done_at=$(date +%s.%N)

fail() {
    log "FAILED: $*"
    for f in "$tmp"/work/sharded/slurm/*.out "$tmp"/work/sharded/slurm/*.err; do
        [[ -s $f ]] && { echo "--- $f"; tail -5 "$f"; }
    done >&2
    exit 1
}

# --- checks ---
out=$tmp/work/sharded
[[ -f $out/slurm/array.sh && -f $out/slurm/report.sh ]] || fail "no scripts in $out/slurm"
[[ -f $out/index.html ]] || fail "the report job wrote no $out/index.html"
[[ $(tail -1 "$tmp/log/submit.out") == "$out/index.html" ]] || fail "lrlab slurm did not print $out/index.html last"
shard_logs=$(find "$out/slurm" -name 'shard-*.out' | wc -l)
[[ $shard_logs == 4 ]] || fail "expected 4 shard logs in $out/slurm, found $shard_logs"

# results.csv without the wall_seconds column (the times differ, nothing else may).
drop_wall() {
    awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_seconds") c = i }
        { if (c) { for (i = c; i < NF; i++) $i = $(i + 1); NF-- } print }' "$1"
}
rows=$(($(wc -l < "$out/results.csv") - 1))
[[ $rows == 8 ]] || fail "expected 8 runs in $out/results.csv, found $rows"
if ! diff <(drop_wall "$tmp/work/reference/results.csv") <(drop_wall "$out/results.csv") >&2; then
    fail "the merged results.csv differs from the unsharded run's"
fi

# Submitting again resumes: every run is reused (their records, wall_seconds too, stay as they were).
cp "$out/results.csv" "$tmp/work/first-results.csv"
(cd "$tmp/work" && "$lrlab" slurm sweep.yaml -o sharded --shards 4 >"$tmp/log/resubmit.out")
wait_for 120 "the queue to empty after resubmitting" queue_empty
cmp -s "$tmp/work/first-results.csv" "$out/results.csv" || fail "resubmitting changed results.csv (a run was trained again)"
[[ $(find "$out/slurm" -name 'shard-*.out' | wc -l) == 8 ]] || fail "the resubmitted array left no logs"

status=0
end_at=$(date +%s.%N)
awk -v a="$started_at" -v r="$ready_at" -v s="$submitted_at" -v d="$done_at" -v e="$end_at" \
    'BEGIN {printf "test-slurm: passed in %.1f s (slurm up %.1f s, jobs done %.1f s after submission)\n", e - a, r - a, d - s}'
