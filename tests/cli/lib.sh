# The start every command-line test script shares. A script begins with
#   source "$(dirname "$0")/lib.sh" "$@"
# and ends with
#   finish "what was checked"
#
# It sets OKR (the okr binary, the script's first argument), SRC (the source tree, the
# second, when given), WORK (a new folder, removed when the script exits), OKR_DB (a
# database in WORK) and fails (the count so far), and unsets OKR_USER. Processes whose
# ids a script adds to STOP_AT_EXIT are killed when it exits; AT_EXIT, when a script
# sets it, is a command run then too, before WORK is removed (single-quoted, so that
# it reads the variables as they are at exit): AT_EXIT='kill $pid 2>/dev/null'.
set -uo pipefail
OKR=$1
SRC=${2:-}
WORK=$(mktemp -d)
export OKR_DB="$WORK/okr.db"
unset OKR_USER
fails=0
STOP_AT_EXIT=""
AT_EXIT=""
trap 'kill -9 $STOP_AT_EXIT 2>/dev/null; eval "$AT_EXIT"; rm -rf "$WORK"' EXIT

fail() {  # fail MESSAGE
  echo "FAIL $*"
  fails=$((fails + 1))
}

check() {  # check NAME EXPECTED_STATUS COMMAND...: runs it, output in $WORK/out and $WORK/err
  local name=$1 want=$2
  shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, wanted $want"
    cat "$WORK/out" "$WORK/err"
    fails=$((fails + 1))
  fi
}

contains() {  # contains NAME FILE TEXT: FILE (in WORK) holds TEXT
  if ! grep -qF -- "$3" "$WORK/$2"; then
    echo "FAIL $1: '$3' not in $2:"
    cat "$WORK/$2"
    fails=$((fails + 1))
  fi
}

lacks() {  # lacks NAME FILE TEXT: FILE (in WORK) does not hold TEXT
  if grep -qF -- "$3" "$WORK/$2"; then
    echo "FAIL $1: '$3' in $2:"
    cat "$WORK/$2"
    fails=$((fails + 1))
  fi
}

start_server() {  # start_server [SERVE OPTIONS...]: sets url and server_pid
  rm -f "$WORK/serve.out"
  "$OKR" serve --listen 127.0.0.1:0 "$@" >"$WORK/serve.out" 2>>"$WORK/serve.log" &
  server_pid=$!
  STOP_AT_EXIT="$STOP_AT_EXIT $server_pid"
  for _ in $(seq 100); do
    grep -q "serving" "$WORK/serve.out" 2>/dev/null && break
    sleep 0.05
  done
  url=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out" | head -1)
  [ -n "$url" ] || fail "the server did not start: $(cat "$WORK/serve.out" "$WORK/serve.log")"
}

finish() {  # finish WHAT: prints the outcome and exits with the number of failures
  if [ "$fails" -eq 0 ]; then echo "$*"; else echo "$fails failure(s)"; fi
  [ "$fails" -eq 0 ]
}
