#!/usr/bin/env bash
# okr team delete: a team nothing refers to goes, with its memberships; one with a
# history is refused, naming what it still has, and stays as it was.
source "$(dirname "$0")/lib.sh" "$@"
"$OKR" demo >/dev/null || { echo "FAIL demo"; exit 1; }
cat >"$WORK/tiger.yaml" <<'YAML'
cycle: 2026-Q4
teams:
  - {key: tiger, name: Tiger team, function: engineering, parent: platform}
YAML
check import 0 "$OKR" import "$WORK/tiger.yaml"
check member 0 "$OKR" team add-member tiger ben@lumen.example --role member

check refused 1 "$OKR" team delete growth
contains refused err "okr team delete: error:"
contains refused err "team 'growth' still has"
contains refused err "objectives"
check still-there 0 "$OKR" team list
contains still-there out "growth"

check unknown 1 "$OKR" team delete tigr
contains unknown err "no team with key 'tigr'; did you mean 'tiger'?"

check deleted 0 "$OKR" team delete tiger
contains deleted out "deleted team tiger"
check gone 0 "$OKR" team list
lacks gone out "tiger"
check help 0 "$OKR" team delete --help
contains help out "okr team delete"
finish "only a team without a history is deleted"
