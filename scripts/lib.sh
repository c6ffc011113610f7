# Process helpers shared by scripts/bench and scripts/chaos. The caller sets LOG_TAG, jar, work
# (its scratch dir), keep and failed, and an empty pids array; cleanup is its EXIT trap.
log() { printf '[%s %s] %s\n' "$LOG_TAG" "$(date +%T)" "$*" >&2; }

# Stops one process we started: TERM, then KILL after $2 seconds.
stop_pid() {
  local pid=$1 grace=${2:-40} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.2
  done
  log "pid $pid did not stop in ${grace}s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local i pidfile
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  # An embedded PostgreSQL whose JVM died without stopping it: fast shutdown by its own pid file.
  while IFS= read -r pidfile; do
    kill -INT "$(head -1 "$pidfile")" 2>/dev/null || true
  done < <(find "$work" -name postmaster.pid 2>/dev/null)
  if $keep || $failed; then log "scratch dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a background process with its output in $work/<name>.log; its pid is in $last_pid.
start_bg() {
  local name=$1; shift
  "$@" >"$work/$name.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

forget_pid() {
  local keep_pids=() p
  for p in "${pids[@]}"; do [[ $p == "$1" ]] || keep_pids+=("$p"); done
  pids=("${keep_pids[@]}")
}

wait_for() { # wait_for PID SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds, or PID dies
  local pid=$1 seconds=$2 what=$3 i; shift 3
  for ((i = 0; i < seconds * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { log "$what: the process exited"; return 1; }
    sleep 0.2
  done
  log "timed out after ${seconds}s waiting for $what"; failed=true; return 1
}

# Pins an embedded service's ports (it reuses them when free) so nothing leaves the 18xxx range.
pin_ports() { local dir=$1; shift; mkdir -p "$dir"; printf '%s\n' "$@" >"$dir/ports.properties"; }
port_of() { sed -n "s/^$2=//p" "$1/ports.properties"; }

# start_standalone NAME CLASS DIR READY_WORD: a broker or database JVM; pid in $last_pid.
start_standalone() {
  local name=$1 class=$2 dir=$3 word=$4
  start_bg "$name" java -cp "$jar" "dev.gavel.testkit.$class" "$dir"
  wait_for "$last_pid" 120 "$name" grep -q "$word" "$work/$name.log"
}

