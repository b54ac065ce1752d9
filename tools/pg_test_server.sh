#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `tools/pg_test_server.sh run CMD...`
# installs PostgreSQL from Debian's packages when it is absent, makes a cluster in
# a temporary folder owned by the postgres user (initdb refuses root), starts it on
# a unix socket inside that folder (no TCP port, so it cannot clash with another
# server on the machine), exports RATLINE_TEST_PG for CMD, and removes the cluster
# when CMD ends.  Exits non-zero when the server cannot be installed or started:
# the PostgreSQL tests must run, not be skipped, wherever this script is used.
set -euo pipefail

log() { echo "pg_test_server: $*" >&2; }

pg_bindir() {
    # Debian keeps each major version's programs in /usr/lib/postgresql/N/bin
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

install_postgres() {
    if pg_bindir >/dev/null; then return 0; fi
    log "PostgreSQL not found: installing Debian's package"
    # Debian's package would start its own cluster through invoke-rc.d; we start ours
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends postgresql
    pg_bindir >/dev/null || { log "postgresql installed but initdb not found"; exit 1; }
}

run_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() {
    local bin=$1 dir=$2
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        chown postgres "$dir"
    fi
    chmod 700 "$dir"
    run_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; log "initdb failed"; return 1; }
    run_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c port=5432 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        >/dev/null || { cat "$dir/server.log" >&2; log "the server did not start"; return 1; }
    "$bin/psql" -h "$dir" -U postgres -d postgres -Atqc "SELECT 1" >/dev/null \
        || { log "the server started but does not answer"; return 1; }
}

stop_cluster() {
    local bin=$1 dir=$2
    run_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

main() {
    [ "${1:-}" = run ] && shift || { echo "usage: $0 run CMD..." >&2; exit 2; }
    if [ -n "${RATLINE_TEST_PG:-}" ]; then      # a server of the developer's own
        log "using \$RATLINE_TEST_PG as given"
        exec "$@"
    fi
    install_postgres
    PG_BIN=$(pg_bindir)
    PG_DIR=$(mktemp -d /tmp/ratline-pg.XXXXXX)
    trap 'stop_cluster "$PG_BIN" "$PG_DIR"' EXIT
    start_cluster "$PG_BIN" "$PG_DIR"
    export RATLINE_TEST_PG="postgresql://postgres@/postgres?host=$PG_DIR&port=5432"
    log "$("$PG_BIN/postgres" --version | sed 's/^postgres //') at $RATLINE_TEST_PG"
    "$@"
}

main "$@"
