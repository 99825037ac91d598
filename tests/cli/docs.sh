#!/usr/bin/env bash
# Every command the README and docs/ show works as written, in the order shown, on a
# fresh checkout. Each document's ```sh blocks run, in order, as one script in a fresh
# directory holding the checkout's examples/ and tests/, with this build's okr on the PATH; the
# first command that fails fails the test.
#
# Not run here, because the rest of `make test` already runs them: lines that build or
# test (make, cmake, ctest, scripts/, npm in web/). A command whose comment says
# "exits N" must end with status N. `okr serve` runs in the background until the end
# of its document, on a free port that replaces 8080 wherever the document writes it.
set -uo pipefail
OKR=$1
SRC=$2
WORK=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin"
ln -s "$OKR" "$WORK/bin/okr"
export PATH="$WORK/bin:$PATH"
# DOCS and DOCS_DB let tests/pg/docs.sh run a document against PostgreSQL.
unset OKR_USER
if [ -n "${DOCS_DB:-}" ]; then export OKR_DB=$DOCS_DB; else unset OKR_DB; fi
fails=0

for doc in ${DOCS:-README.md docs/getting-started.md docs/api.md docs/grading.md docs/operations.md docs/kpis-and-alignment.md docs/sprint-work.md docs/comments.md docs/sso.md docs/notifications.md}; do
  [ -f "$SRC/$doc" ] || { echo "FAIL $doc is missing"; fails=$((fails + 1)); continue; }
  dir="$WORK/run-$(basename "$doc" .md)"
  mkdir -p "$dir"
  ln -s "$SRC/examples" "$dir/examples"
  ln -s "$SRC/tests" "$dir/tests"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 - "$SRC/$doc" "$port" >"$dir/commands.sh" <<'PY'
import re, shlex, sys
text = open(sys.argv[1]).read()
port = sys.argv[2]
skip = re.compile(r"^(make|cmake|ctest|scripts/|\(cd web && npm)")
print("set -e -o pipefail")
for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
    heredoc = None  # the terminator while inside a here-document: its lines are data
    for line in block.splitlines():
        if heredoc:
            print(line)
            if line.strip() == heredoc:
                heredoc = None
            continue
        if not line.strip() or skip.match(line):
            continue
        if m := re.search(r"<<-?\s*['\"]?(\w+)", line):
            heredoc = m.group(1)
        line = line.replace(":8080", ":" + port)
        print("echo " + shlex.quote("$ " + line) + " >&2")
        if re.match(r"okr( --db \S+)? serve\b", line):
            command = line.split("#")[0].rstrip().rstrip("&")
            print(f"{command} >serve.out 2>serve.log & echo $! >>serve.pids")
            print("for _ in $(seq 50); do grep -q serving serve.out 2>/dev/null && break; sleep 0.1; done")
            print("grep -q serving serve.out")
        elif m := re.search(r"#\s*exits (\d+)\b", line):
            # A command the document says ends with another status (bad rows reported).
            print(f"set +e; {line.split('#')[0].rstrip()}; s=$?; set -e; [ $s -eq {m.group(1)} ]")
        else:
            print(line)
PY
  (cd "$dir" && bash "$dir/commands.sh" >"$dir/out" 2>"$dir/err")
  status=$?
  [ -f "$dir/serve.pids" ] && while read -r p; do pids+=("$p"); kill "$p" 2>/dev/null; done <"$dir/serve.pids"
  if [ "$status" != 0 ]; then
    echo "FAIL $doc: a command failed (exit $status); the last ones and their output:"
    tail -n 15 "$dir/err"; tail -n 5 "$dir/out"
    fails=$((fails + 1))
  fi
done

[ "$fails" -eq 0 ] && echo "every documented command works"
exit "$fails"
