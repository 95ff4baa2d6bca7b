#!/usr/bin/env bash
# Makes sure PostgreSQL and RabbitMQ run on 127.0.0.1 and hold Shelfsync's databases and vhosts.
# Installs them with apt when missing, starts them when down, and is safe to run again.
#   scripts/infra.sh            databases and vhosts for the local run and for the tests, Chromium for the console test
set -euo pipefail

log() { printf '[infra] %s\n' "$*"; }

# Databases: one per service for the local run, one per service for its tests, one per service for system-tests.
SERVICES=(inventory routing returns gateway alerting)
VHOSTS=(shelfsync ss-test-platform ss-test-inventory ss-test-routing ss-test-returns ss-test-gateway ss-test-alerting ss-system ss-bench ss-chaos)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    log "installing $*"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        apt_install postgresql
    fi
    if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
        log "starting PostgreSQL"
        local version
        version=$(ls /etc/postgresql | sort -V | tail -1)
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
    pg_isready -h 127.0.0.1 -p 5432 -q || { log "PostgreSQL did not come up on 127.0.0.1:5432"; exit 1; }
}

psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_postgres_access() {
    # A fresh apt install asks for a password over TCP; this machine's convention is trust on loopback.
    if ! psql_admin -c 'select 1' >/dev/null 2>&1; then
        log "allowing trust authentication on loopback"
        local hba
        hba=$(as_root su postgres -c "psql -qtA -c 'show hba_file'")
        as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
        as_root su postgres -c "psql -qtA -c 'select pg_reload_conf()'" >/dev/null
    fi
}

ensure_database() {
    local name=$1
    if [ "$(psql_admin -c "select 1 from pg_database where datname = '$name'")" != "1" ]; then
        log "creating database $name"
        psql_admin -c "create database \"$name\""
    fi
}

ensure_rabbitmq() {
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        apt_install rabbitmq-server
    fi
    if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
        log "starting RabbitMQ"
        as_root rabbitmq-server -detached
        for _ in $(seq 1 60); do rabbitmq-diagnostics -q ping >/dev/null 2>&1 && break; sleep 1; done
    fi
    rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1 || {
        log "RabbitMQ did not come up on 127.0.0.1:5672"
        exit 1
    }
}

ensure_vhost() {
    local vhost=$1
    if ! rabbitmqctl -q list_vhosts | grep -qx "$vhost"; then
        log "creating RabbitMQ vhost $vhost"
        rabbitmqctl -q add_vhost "$vhost"
    fi
    rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
}

ensure_browser() {
    # The console's browser test (system-tests ConsoleIT) drives Debian's Chromium through its chromedriver.
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        apt_install chromium chromium-driver
    fi
}

ensure_postgres
ensure_postgres_access
for service in "${SERVICES[@]}"; do
    ensure_database "$service"
    ensure_database "ss_test_$service"
    ensure_database "ss_system_$service"
    ensure_database "ss_bench_$service"
    ensure_database "ss_chaos_$service"
done
ensure_database ss_test_platform
ensure_rabbitmq
for vhost in "${VHOSTS[@]}"; do ensure_vhost "$vhost"; done
ensure_browser
log "PostgreSQL 127.0.0.1:5432 and RabbitMQ 127.0.0.1:5672 ready"
