#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from Debian's postgresql package:
# initdb into DIR, a Unix socket in DIR and no TCP port, so it meets no other
# server on the machine. `make test` starts it before the PostgreSQL tests and
# stops it after them (ctest fixtures), also when a test fails.
#
#   tests/pg/server.sh start DIR            # prints nothing; the server listens in DIR
#   tests/pg/server.sh start DIR durable    # fsync and synchronous commit on (benchmarks)
#   tests/pg/server.sh standby DIR PRIMARY  # a streaming standby of the server in PRIMARY
#   tests/pg/server.sh stop DIR             # stops it and removes DIR
#
# Connect with: psql -h DIR -U postgres postgres
# (okr: --db 'postgresql://postgres@/NAME?host=DIR')
set -euo pipefail
cmd=${1:?usage: server.sh start|standby|stop DIR}
dir=${2:?usage: server.sh start|standby|stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "server.sh: PostgreSQL's server programs are missing; run scripts/install-deps" >&2
  exit 1
fi

# initdb and the server refuse to run as root: run them as the postgres account.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $cmd in
  start)
    stop  # a server an interrupted run left behind
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # One role must give its password, so that the tests meet password errors.
    sed -i '1i local all okr_password scram-sha-256' "$dir/data/pg_hba.conf"
    # For the tests durability is off: they stop okr, never this server. Benchmarks
    # keep PostgreSQL's defaults, as a production server would.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${3:-}" = durable ] && durability="-c shared_buffers=1GB"
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 \
          $durability" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    ;;
  standby)
    # A hot standby streaming from the server in PRIMARY (initdb's trust covers
    # `local replication all trust`; wal_level is replica by default), on its own socket
    # in DIR. Its settings go into its configuration, so `pg_ctl -D DIR/data start`
    # brings it back after a stop.
    primary=${3:?usage: server.sh standby DIR PRIMARY}
    stop
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_server_user "$bin/pg_basebackup" -h "$primary" -U postgres -D "$dir/data" -R -X stream \
      --checkpoint=fast --no-sync >"$dir/basebackup.log" 2>&1 ||
      { cat "$dir/basebackup.log" >&2; exit 1; }
    # max_connections at least the primary's, as a hot standby requires.
    as_server_user tee -a "$dir/data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
hot_standby = on
max_connections = 300
fsync = off
CONF
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    ;;
  stop) stop ;;
  *) echo "usage: server.sh start|standby|stop DIR" >&2; exit 2 ;;
esac
