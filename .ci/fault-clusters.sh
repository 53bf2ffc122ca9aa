#!/usr/bin/env bash
# Creates (or removes) the PostgreSQL clusters the store fault suite restarts,
# freezes and kills: a primary on 5441 and a hot standby on 5442 that streams
# from it synchronously (synchronous_commit = remote_apply on the primary, so
# an acknowledged event is already visible on the standby). Never touches any
# other cluster. Usage: fault-clusters.sh up | down
set -euo pipefail
VERSION="$(ls /etc/postgresql | sort -n | tail -n1)"
PRIMARY=certflow_fault
STANDBY=certflow_fault_standby
PRIMARY_PORT=5441
STANDBY_PORT=5442

down() {
  for c in "$STANDBY" "$PRIMARY"; do
    if pg_lsclusters -h | awk '{print $2}' | grep -qx "$c"; then
      # A frozen (SIGSTOP) postmaster left by an interrupted run must be able to stop.
      pid_file="/var/lib/postgresql/$VERSION/$c/postmaster.pid"
      [[ -f "$pid_file" ]] && kill -CONT "$(head -n1 "$pid_file")" 2>/dev/null || true
      pg_dropcluster --stop "$VERSION" "$c" || pg_dropcluster "$VERSION" "$c" || true
    fi
  done
}

up() {
  down
  pg_createcluster "$VERSION" "$PRIMARY" -p "$PRIMARY_PORT" -- --auth=trust >/dev/null
  cat >>"/etc/postgresql/$VERSION/$PRIMARY/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 60
shared_buffers = 32MB
fsync = on
synchronous_commit = remote_apply
synchronous_standby_names = 'certflow_standby'
wal_keep_size = 256MB
CONF
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$PRIMARY" start
  pg_createcluster "$VERSION" "$STANDBY" -p "$STANDBY_PORT" -- --auth=trust >/dev/null
  data="/var/lib/postgresql/$VERSION/$STANDBY"
  find "$data" -mindepth 1 -delete
  su postgres -c "pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D $data -R -X stream" >/dev/null
  cat >>"/etc/postgresql/$VERSION/$STANDBY/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 60
shared_buffers = 32MB
hot_standby = on
CONF
  # After what pg_basebackup -R wrote, so this primary_conninfo wins: the
  # application name is what synchronous_standby_names refers to.
  echo "primary_conninfo = 'host=127.0.0.1 port=$PRIMARY_PORT user=postgres application_name=certflow_standby'" >>"$data/postgresql.auto.conf"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$STANDBY" start
  for _ in $(seq 1 30); do
    state="$(psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'certflow_standby'" 2>/dev/null || true)"
    [[ "$state" == sync ]] && break
    sleep 1
  done
  [[ "$state" == sync ]] || { echo "standby did not become synchronous" >&2; exit 1; }
  echo "CERTFLOW_FAULT_CLUSTERS=$VERSION/$PRIMARY:$PRIMARY_PORT,$VERSION/$STANDBY:$STANDBY_PORT"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
