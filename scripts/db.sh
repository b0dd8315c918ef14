#!/usr/bin/env bash
# Local development Neo4j for tradegraph: Neo4j Community 5.26 embedded (devdb/), Bolt only on 127.0.0.1.
#
#   scripts/db.sh start    build the launcher if needed, start Neo4j in the background, wait until Bolt answers
#   scripts/db.sh stop     SIGTERM (clean shutdown), SIGKILL after 60 s
#   scripts/db.sh status   exit 0 if Bolt answers, 1 if not
#   scripts/db.sh restart
#
# Settings (environment): DEVDB_BOLT_PORT (7687), DEVDB_HOME (<repo>/.devdb), DEVDB_HEAP (1g),
# DEVDB_PAGECACHE (256m), NEO4J_PASSWORD (unset = auth off), DEVDB_START_TIMEOUT (120 s),
# DEVDB_JAVA_OPTS (extra JVM flags). See devdb/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEVDB_DIR="$ROOT/devdb"
MAIN_CLASS=tradegraph.devdb.DevDb
CP_FILE="$DEVDB_DIR/target/classpath.txt"
CLASS_FILE="$DEVDB_DIR/target/classes/tradegraph/devdb/DevDb.class"

PORT="${DEVDB_BOLT_PORT:-7687}"
HOME_DIR="${DEVDB_HOME:-$ROOT/.devdb}"
case "$HOME_DIR" in /*) ;; *) HOME_DIR="$PWD/$HOME_DIR" ;; esac
HEAP="${DEVDB_HEAP:-1g}"
START_TIMEOUT="${DEVDB_START_TIMEOUT:-120}"
LOG="$HOME_DIR/neo4j.log"
PIDFILE="$HOME_DIR/devdb.pid"
PORTFILE="$HOME_DIR/devdb.port"

die() { echo "devdb: $*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]{1,5}$ ]] && (( 10#$PORT >= 1 && 10#$PORT <= 65535 )) \
  || die "DEVDB_BOLT_PORT must be a port number, got '$PORT'"
PORT=$(( 10#$PORT ))
URI="bolt://127.0.0.1:$PORT"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "DEVDB_START_TIMEOUT must be seconds, got '$START_TIMEOUT'"

# Heap size in MiB from 512m / 1g / 2048 (MiB).
heap_mib() {
  local h="${1,,}"
  case "$h" in
    *g) [[ "${h%g}" =~ ^[0-9]+$ ]] && echo $(( ${h%g} * 1024 )) && return ;;
    *m) [[ "${h%m}" =~ ^[0-9]+$ ]] && echo "${h%m}" && return ;;
    *)  [[ "$h" =~ ^[0-9]+$ ]] && echo "$h" && return ;;
  esac
  die "DEVDB_HEAP must be like 512m or 1g, got '$1'"
}

# True if something accepts TCP connections on 127.0.0.1:${1:-$PORT}.
port_open() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "${1:-$PORT}" 2>/dev/null
}

# True if a Bolt server answers a handshake on 127.0.0.1:${1:-$PORT} (offers Bolt 5.0-5.8 and 4.4).
bolt_answers() {
  local reply
  reply="$(timeout 3 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
      printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
      dd bs=4 count=1 <&3 2>/dev/null | od -An -tx1' _ "${1:-$PORT}" 2>/dev/null)" || return 1
  reply="${reply//[[:space:]]/}"
  [[ ${#reply} -eq 8 && "$reply" == 0000* && "$reply" != 00000000 ]]
}

# True if pid $1 is a live (not zombie) process.
alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
    [[ "$state" != Z ]] || return 1
  fi
}

# Prints the pid from $PIDFILE if that process is alive and is our launcher (guards against pid reuse).
devdb_pid() {
  local pid cmd
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" ]] && alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
  else
    cmd="$(ps -p "$pid" -o args= 2>/dev/null || true)"
  fi
  [[ "$cmd" == *"$MAIN_CLASS"* ]] || return 1
  echo "$pid"
}

# Prints the Bolt port of the running launcher with pid $1 (from $PORTFILE, else its environment).
devdb_port() {
  local p=""
  [[ -f "$PORTFILE" ]] && p="$(tr -dc '0-9' <"$PORTFILE")"
  if [[ -z "$p" && -r "/proc/$1/environ" ]]; then
    p="$(tr '\0' '\n' <"/proc/$1/environ" | sed -n 's/^DEVDB_BOLT_PORT=//p' | head -n1)"
  fi
  echo "${p:-7687}"
}

need_tools() {
  local missing=0 t
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing=1; done
  if (( missing )); then
    echo "install Java 17 and Maven: apt-get install openjdk-17-jdk-headless maven" >&2
    exit 1
  fi
}

check_java_version() {
  local v major
  v="$(java -version 2>&1 | sed -nE 's/.*version "([^"]+)".*/\1/p' | head -n1)"
  major="${v%%.*}"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 17 )); then
    echo "devdb: Java $v found, Neo4j 5.26 needs Java 17 or 21" >&2
    echo "install Java 17 and Maven: apt-get install openjdk-17-jdk-headless maven" >&2
    exit 1
  fi
}

# True if the launcher must be (re)built: no build yet, pom or sources newer, or a jar of the classpath gone.
need_build() {
  [[ -f "$CP_FILE" && -f "$CLASS_FILE" ]] || return 0
  [[ "$DEVDB_DIR/pom.xml" -nt "$CP_FILE" || "$DEVDB_DIR/pom.xml" -nt "$CLASS_FILE" ]] && return 0
  [[ -n "$(find "$DEVDB_DIR/src" -type f -newer "$CLASS_FILE" -print -quit)" ]] && return 0
  local jars j
  IFS=: read -r -a jars <"$CP_FILE"
  (( ${#jars[@]} > 0 )) || return 0
  for j in "${jars[@]}"; do [[ -f "$j" ]] || return 0; done
  return 1
}

build() {
  local blog="$HOME_DIR/build.log" t0=$SECONDS
  echo "devdb: building the launcher (mvn; the first build downloads the Neo4j jars) ..."
  if ! mvn -B -q -f "$DEVDB_DIR/pom.xml" package dependency:build-classpath >"$blog" 2>&1; then
    tail -n 50 "$blog" >&2
    die "building devdb/ with Maven failed (full output: $blog)"
  fi
  [[ -f "$CP_FILE" && -f "$CLASS_FILE" ]] || die "build finished but $CP_FILE or $CLASS_FILE is missing (see $blog)"
  touch "$CP_FILE" "$CLASS_FILE"
  echo "devdb: built in $(( SECONDS - t0 )) s"
}

print_log_tail() {
  if [[ -f "$LOG" ]]; then
    echo "---- last 30 lines of $LOG ----" >&2
    tail -n 30 "$LOG" >&2
    echo "----" >&2
  fi
}

# Sends SIGTERM, waits up to 60 s, then SIGKILL.
stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 120; i++ )); do
    alive "$pid" || return 0
    sleep 0.5
  done
  echo "devdb: pid $pid did not exit within 60 s after SIGTERM; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 20; i++ )); do
    alive "$pid" || return 0
    sleep 0.5
  done
}

# Waits for the launcher pid $1 to be ready; $2=owned: on timeout stop it (only if this call started it).
wait_ready() {
  local pid="$1" owned="${2:-}" t0=$SECONDS
  while :; do
    if ! alive "$pid"; then
      print_log_tail
      rm -f "$PIDFILE" "$PORTFILE"
      die "Neo4j (pid $pid) exited before Bolt came up on port $PORT; log: $LOG"
    fi
    if grep -q '^devdb: ready bolt://' "$LOG" 2>/dev/null && bolt_answers; then
      echo "Neo4j ready at $URI (log: $LOG)"
      return 0
    fi
    if (( SECONDS - t0 >= START_TIMEOUT )); then
      print_log_tail
      if [[ "$owned" == owned ]]; then
        echo "devdb: Neo4j did not answer on port $PORT within ${START_TIMEOUT} s; stopping pid $pid" >&2
        stop_pid "$pid"
        rm -f "$PIDFILE" "$PORTFILE"
      fi
      die "start timed out: Bolt did not answer on port $PORT within ${START_TIMEOUT} s (log: $LOG)"
    fi
    sleep 0.5
  done
}

cmd_start() {
  local pid
  mkdir -p "$HOME_DIR"
  # serialize concurrent starts on the same DEVDB_HOME
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$HOME_DIR/devdb.start.lock"
    flock -w $(( START_TIMEOUT + 60 )) 9 || die "another 'db.sh start' for $HOME_DIR is still running (lock $HOME_DIR/devdb.start.lock)"
  fi

  if pid="$(devdb_pid)"; then
    local run_port
    run_port="$(devdb_port "$pid")"
    if [[ "$run_port" != "$PORT" ]]; then
      die "a devdb with data $HOME_DIR is already running on port $run_port (pid $pid), not $PORT;" \
        "stop it first (DEVDB_HOME=$HOME_DIR $0 stop) or use another DEVDB_HOME"
    fi
    if bolt_answers; then
      echo "Neo4j ready at $URI (log: $LOG)"
      return 0
    fi
    echo "devdb: already starting (pid $pid), waiting ..."
    wait_ready "$pid"
    return 0
  fi

  if port_open; then
    if bolt_answers; then
      echo "devdb: Bolt already answers on port $PORT (a Neo4j not started from $HOME_DIR)"
      echo "Neo4j ready at $URI"
      return 0
    fi
    die "port $PORT on 127.0.0.1 is already in use by another (non-Bolt) process; stop it or use another port: DEVDB_BOLT_PORT=<free port> $0 start"
  fi

  rm -f "$PIDFILE" "$PORTFILE" # stale: process gone or not ours

  need_tools java
  check_java_version
  if need_build; then
    need_tools java mvn
    # one build at a time, also across different DEVDB_HOMEs
    mkdir -p "$DEVDB_DIR/target"
    if command -v flock >/dev/null 2>&1; then
      exec 8>"$DEVDB_DIR/target/build.lock"
      flock -w 900 8 || die "another build of devdb/ is still running (lock $DEVDB_DIR/target/build.lock)"
    fi
    if need_build; then build; fi
    exec 8>&-
  fi

  local heap_m xms_m
  heap_m="$(heap_mib "$HEAP")"
  xms_m=$(( heap_m < 256 ? heap_m : 256 ))
  local -a jvm=(
    "-Xms${xms_m}m" "-Xmx${heap_m}m"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
    # the flags Neo4j's own launcher adds on Java 17+
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Djdk.nio.maxCachedBufferSize=1024
    -Dlog4j2.disable.jmx=true
    -Dfile.encoding=UTF-8
  )
  if [[ -n "${DEVDB_JAVA_OPTS:-}" ]]; then
    # shellcheck disable=SC2206 # word splitting intended
    jvm+=(${DEVDB_JAVA_OPTS})
  fi

  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
  local cp
  cp="$DEVDB_DIR/target/classes:$(cat "$CP_FILE")"
  # setsid: own session, so the server outlives the shell / job that started it; nohup: ignore SIGHUP.
  (
    exec 8>&- 9>&- # the lock fds must not be inherited by the server
    cd "$HOME_DIR"
    export DEVDB_HOME="$HOME_DIR" DEVDB_BOLT_PORT="$PORT"
    if command -v setsid >/dev/null 2>&1; then
      exec nohup setsid java "${jvm[@]}" -cp "$cp" "$MAIN_CLASS" </dev/null >>"$LOG" 2>&1
    fi
    exec nohup java "${jvm[@]}" -cp "$cp" "$MAIN_CLASS" </dev/null >>"$LOG" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$PIDFILE"
  echo "$PORT" >"$PORTFILE"
  echo "devdb: starting Neo4j (pid $pid, port $PORT, data $HOME_DIR) ..."
  wait_ready "$pid" owned
}

cmd_stop() {
  local pid
  if ! pid="$(devdb_pid)"; then
    rm -f "$PIDFILE" "$PORTFILE"
    if bolt_answers; then
      echo "devdb: not running from $HOME_DIR (but something else answers Bolt on port $PORT; not touching it)"
    else
      echo "devdb: not running"
    fi
    return 0
  fi
  echo "devdb: stopping pid $pid ..."
  stop_pid "$pid"
  rm -f "$PIDFILE" "$PORTFILE"
  echo "devdb: stopped"
}

cmd_status() {
  local pid
  if pid="$(devdb_pid)"; then
    local run_port
    run_port="$(devdb_port "$pid")"
    if bolt_answers "$run_port"; then
      echo "running: bolt://127.0.0.1:$run_port (pid $pid, data $HOME_DIR, log $LOG)"
      return 0
    fi
    echo "not running: bolt://127.0.0.1:$run_port (pid $pid is starting up or hung; log $LOG)"
    return 1
  fi
  if bolt_answers; then
    echo "running: $URI (a Neo4j not started from $HOME_DIR)"
    return 0
  fi
  echo "not running: $URI"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop && cmd_start ;;
  *)
    echo "usage: $0 {start|stop|status|restart}" >&2
    exit 2
    ;;
esac
