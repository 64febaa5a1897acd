#!/usr/bin/env bash
# Installs the Debian package into a throw-away root and runs it as its systemd unit would:
#   1. unpack (dpkg -x) and run the package's own postinst against that root (DPKG_ROOT);
#   2. start the unit's ExecStart with its User, Environment and WorkingDirectory, the
#      installed /etc/ooni/api.yaml untouched: it must refuse (CHANGEME secrets) with one line;
#   3. set the secrets as an operator would (embedded ClickHouse, local bucket) and start
#      again: /health, a probe submission, the measurement listed by search;
#   4. the `ooniapi` command (show-config, migrate) as the service user; purge.
# Only the service user (ooniapi) is created on the host, by the postinst, as on a real install.
# Usage: scripts/test-deb-install.sh [path/to/ooni-api_*.deb]   (default: the newest in deb/)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
deb=${1:-$(ls -t deb/ooni-api_*_amd64.deb 2>/dev/null | head -n 1)}
[ -f "$deb" ] || { echo "test-deb-install: no package (run scripts/build-deb.sh)"; exit 1; }

root=$(mktemp -d /tmp/ooni-deb-root.XXXXXX)
ctrl=$(mktemp -d /tmp/ooni-deb-ctrl.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$root" "$ctrl"
}
trap cleanup EXIT
chmod 0755 "$root"
fail() { echo "test-deb-install: FAILED: $*"; exit 1; }
ok() { echo "test-deb-install: ok: $*"; }

dpkg -x "$deb" "$root"
dpkg -e "$deb" "$ctrl"
app="$root/usr/lib/ooni-api"
for f in dist/main.js dist/cli.js package.json config/default.yaml assets/citizenlab-snapshot.csv.gz \
  assets/fingerprints-snapshot.json.gz assets/tor-targets.json assets/psiphon-config.json; do
  [ -e "$app/$f" ] || fail "the package lacks /usr/lib/ooni-api/$f"
done
[ -x "$root/usr/bin/ooniapi" ] || fail "no /usr/bin/ooniapi"
unitdir=$(dirname "$(find "$root" -name ooni-api.service -path '*systemd/system*' | head -n 1)")
[ -f "$unitdir/ooni-api.service" ] && [ -f "$unitdir/ooni-fastpath.service" ] || fail "systemd units missing"
ok "unpacked: application, assets, units, /usr/bin/ooniapi"

# The package's postinst, as dpkg runs it, against the throw-away root (systemd is not running here).
mkdir -p "$root/etc/ooni"
DPKG_ROOT="$root" DPKG_MAINTSCRIPT_PACKAGE=ooni-api sh -e "$ctrl/postinst" configure ""
getent passwd ooniapi >/dev/null || fail "postinst did not create the ooniapi user"
[ "$(stat -c %U "$root/var/lib/ooniapi")" = ooniapi ] || fail "/var/lib/ooniapi is not owned by ooniapi"
[ "$(stat -c '%a %G' "$root/etc/ooni/api.yaml")" = "640 ooniapi" ] || fail "/etc/ooni/api.yaml: $(stat -c '%a %G' "$root/etc/ooni/api.yaml")"
ok "postinst: user, state directory, /etc/ooni/api.yaml from the example"

# The unit's settings, with the root's paths.
unit_value() { sed -n "s/^$1=//p" "$unitdir/ooni-api.service"; }
user=$(unit_value User)
workdir="$root$(unit_value WorkingDirectory)"
exec_start=$(unit_value ExecStart | sed "s#/usr/lib/ooni-api#$app#g")
mapfile -t unit_env < <(unit_value Environment | sed "s#=/etc/ooni#=$root/etc/ooni#")
[ "$(unit_value ReadWritePaths)" = /var/lib/ooniapi ] || fail "ReadWritePaths is not /var/lib/ooniapi"
# run_as_unit COMMAND...: as User=, in WorkingDirectory=, with only Environment=. Call it in a
# subshell (`&` or `$(...)`): it execs, so a background job's pid is the server's own.
run_as_unit() {
  cd "$workdir" && exec setpriv --reuid="$user" --regid="$user" --init-groups -- \
    env -i PATH=/usr/bin:/bin HOME=/var/lib/ooniapi "${unit_env[@]}" "$@"
}

# 1. Installed as is: the secrets are CHANGEME, so the service must refuse with a clear line.
set +e
out=$(run_as_unit timeout 60 $exec_start 2>&1)
status=$?
set -e
[ "$status" = 1 ] || fail "started with CHANGEME secrets, or did not exit 1 (exit $status)"
# One line for the journal, naming what to set: no stack trace.
[ "$(wc -l <<<"$out")" = 1 ] && grep -q '^ooni-api: failed to start: .*CHANGEME' <<<"$out" ||
  fail "no one-line message about CHANGEME values: $out"
ok "refuses to start with CHANGEME values: $out"

# 2. The operator sets the secrets (embedded ClickHouse, local bucket for this test).
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node -e '
  const fs = require("fs"); const YAML = require(process.argv[1] + "/node_modules/yaml");
  const file = process.argv[2]; const c = YAML.parse(fs.readFileSync(file, "utf8"));
  c.port = Number(process.argv[3]); c.var_dir = process.argv[4];
  c.clickhouse = { url: "" }; c.storage = { driver: "local" };
  c.auth.jwt_encryption_key = "deb-install-test-jwt-key-0123456789";
  c.auth.account_id_hashing_key = "deb-install-test-hashing-key-0123";
  c.citizenlab.submission.github_token = "deb-install-test-github-token";
  fs.writeFileSync(file, YAML.stringify(c));
' "$app" "$root/etc/ooni/api.yaml" "$port" "$root/var/lib/ooniapi"

run_as_unit $exec_start > "$ctrl/server.log" 2>&1 &
server_pid=$!
if ! node "$repo/test/deb/smoke.js" "http://127.0.0.1:$port"; then
  tail -n 40 "$ctrl/server.log"
  fail "smoke test against the installed server"
fi
grep -q '"level"' "$ctrl/server.log" || fail "the server's log lines are not JSON"
kill -TERM "$server_pid"
# Nest re-raises SIGTERM after its shutdown hooks (exit 143), which systemd counts as clean.
status=0
wait "$server_pid" || status=$?
server_pid=
[ "$status" = 0 ] || [ "$status" = 143 ] || fail "the server did not stop cleanly on SIGTERM (exit $status)"
grep -q '"level":"error"\|"level":"fatal"' "$ctrl/server.log" && fail "errors in the log: $(grep -m3 '"level":"error"' "$ctrl/server.log")"
ok "installed server: /health, submission, search; clean stop on SIGTERM"

# 3. The operator's command, as root: it runs as ooniapi with the installed config.
export OONI_APP_DIR="$app" OONI_CONFIG="$root/etc/ooni/api.yaml"
"$root/usr/bin/ooniapi" show-config | grep -q 'jwt_encryption_key' || fail "ooniapi show-config"
"$root/usr/bin/ooniapi" show-config | grep -q 'deb-install-test-jwt' && fail "show-config printed a secret"
"$root/usr/bin/ooniapi" migrate >/dev/null || fail "ooniapi migrate"
ok "ooniapi show-config (secrets redacted) and migrate as the service user"

# 4. purge removes configuration and data; remove keeps them.
DPKG_ROOT="$root" sh -e "$ctrl/postrm" remove
[ -f "$root/etc/ooni/api.yaml" ] && [ -d "$root/var/lib/ooniapi" ] || fail "remove deleted configuration or data"
DPKG_ROOT="$root" sh -e "$ctrl/postrm" purge
[ ! -e "$root/etc/ooni/api.yaml" ] && [ ! -e "$root/var/lib/ooniapi" ] || fail "purge left configuration or data"
ok "postrm: remove keeps, purge deletes configuration and data"
echo "test-deb-install: passed"
