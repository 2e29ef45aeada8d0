#!/usr/bin/env bash
# Smoke test of the Debian package: unpack it (dpkg-deb -x, no install), start its launcher in demo mode under
# Xvfb and check that the app comes up and exits cleanly. Demo mode only: the simulated Zap and Novacore run on
# this computer, nothing is sent to the LAN.
#   installer/linux/smoke-deb.sh                     # builds the .deb with build-deb.sh first
#   installer/linux/smoke-deb.sh path/to/app.deb     # tests a given package
# Four runs: (1) --demo --startup-probe must print "startup-probe: first frame rendered ..." and exit 0, here where
#     the app's class-data archive does not match (unpacked elsewhere than /opt): the JDK's own archive still in use;
# (2) --demo must log "Started" and then end within 15 s of SIGTERM (status 0 or 143), with no exception logged, and
#     leave its log file in the settings folder;
# (3) the probe again with the unpacked files seen at /opt/zap-commissioner, where the package installs them (a mount
#     namespace of its own, see installer/linux/cds.sh): the app's classes must come from its class-data archive;
# (4) the same with the archive removed: the app must still start, the JDK's archive in use.
# Exits non-zero and prints the log when any fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=installer/runtime.sh
. installer/runtime.sh
# shellcheck source=installer/linux/cds.sh
. installer/linux/cds.sh

fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

# Xvfb and GTK (JavaFX's window toolkit on Linux): install them when missing and we are root, else say what to do.
missing=()
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        fail "needs ${missing[*]}: run as root or 'sudo apt-get install ${missing[*]}'"
    fi
fi
command -v dpkg-deb >/dev/null || fail "dpkg-deb not found (apt-get install dpkg)"

deb=${1:-}
if [ -z "$deb" ]; then
    installer/linux/build-deb.sh
    deb=$(find target/installer -maxdepth 1 -name '*.deb' | head -n 1)
fi
[ -f "$deb" ] || fail "no such package: $deb"
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Depends Installed-Size

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
launcher="$work/root/opt/zap-commissioner/bin/zap-commissioner"
[ -x "$launcher" ] || fail "launcher not found in the package: opt/zap-commissioner/bin/zap-commissioner"
echo "unpacked to $work/root; launcher opt/zap-commissioner/bin/zap-commissioner"
# The app keeps its settings and logs in the user's home: a throw-away one. Java takes user.home from the password
# database, not from HOME, so it is passed to the launcher's JVM as well.
export HOME="$work/home"
mkdir -p "$HOME"
# XDG_CONFIG_HOME (settings) and XDG_STATE_HOME (log) would win over the home: the app's files stay in that home.
unset XDG_CONFIG_HOME XDG_STATE_HOME
export JAVA_TOOL_OPTIONS="-Duser.home=$HOME"

# probe NAME COMMAND...: a start-up probe run (first frame of the wizard, then exit 0 by itself), every class the JVM
# loads and where from in $work/NAME.classes; fails unless it prints its first-frame line and exits 0.
probe() {
    local name=$1
    shift
    local status=0
    JAVA_TOOL_OPTIONS="-Duser.home=$HOME -Xlog:class+load=info:file=$work/$name.classes" \
        "$@" >"$work/$name.log" 2>&1 || status=$?
    if [ "$status" != 0 ] || ! grep -q 'startup-probe: first frame rendered' "$work/$name.log"; then
        cat "$work/$name.log" >&2
        fail "$name exited with status $status (124 = timed out) without the startup-probe line"
    fi
    grep 'startup-probe:' "$work/$name.log"
    echo "$name: exit status 0; classes from the JDK's archive $(from_archive "$name" base)," \
        "from the app's $(from_archive "$name" app), $(wc -l <"$work/$name.classes") loaded"
}
# from_archive NAME base|app: how many classes run NAME took from the runtime's (base) or the app's (top) archive.
from_archive() {
    local pattern='source: shared objects file$'
    [ "$2" = app ] && pattern='source: shared objects file (top)$'
    grep -c "$pattern" "$work/$1.classes" || true
}
xvfb=(xvfb-run -a -s "-screen 0 1280x800x24")
[ -f "$work/root/opt/zap-commissioner/$CDS_ARCHIVE" ] || fail "no class-data archive in the package: $CDS_ARCHIVE"

# (1) Start-up probe, unpacked where the app's archive does not match its files' paths.
echo "--- run 1: --demo --startup-probe (unpacked elsewhere: the app's archive does not match)"
probe run1 timeout 120 "${xvfb[@]}" "$launcher" --demo --startup-probe
[ "$(from_archive run1 base)" -gt 0 ] || fail "run 1: the JDK's class-data archive was not used"

# (2) A normal demo start: wait for "Started", then SIGTERM and a clean end.
echo "--- run 2: --demo, then SIGTERM"
# shellcheck disable=SC2016  # $1, $2 and $! belong to the inner shell
xvfb-run -a -s "-screen 0 1280x800x24" sh -c '"$1" --demo & echo $! >"$2"; wait $!' sh "$launcher" "$work/app.pid" \
    >"$work/app.log" 2>&1 &
runner=$!
started=""
for _ in $(seq 1 120); do
    if grep -q 'Started' "$work/app.log"; then started=yes; break; fi
    kill -0 "$runner" 2>/dev/null || break
    sleep 0.5
done
if [ -z "$started" ]; then
    if [ -s "$work/app.pid" ]; then kill "$(cat "$work/app.pid")" 2>/dev/null || true; fi
    wait "$runner" 2>/dev/null || true
    cat "$work/app.log" >&2
    fail "run 2: the app did not log 'Started' within 60 s"
fi
grep -m1 'Started' "$work/app.log"
sleep 2  # let the deferred demo start (simulators) finish, so SIGTERM meets a running app
app=$(cat "$work/app.pid")
kill -TERM "$app"
ended=""
for _ in $(seq 1 30); do
    if ! kill -0 "$app" 2>/dev/null; then ended=yes; break; fi
    sleep 0.5
done
if [ -z "$ended" ]; then
    kill -KILL "$app" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
    cat "$work/app.log" >&2
    fail "run 2: the app was still running 15 s after SIGTERM"
fi
status=0
wait "$runner" || status=$?
if [ "$status" != 0 ] && [ "$status" != 143 ]; then
    cat "$work/app.log" >&2
    fail "run 2: exit status $status after SIGTERM (expected 0 or 143)"
fi
if grep -Eq 'Exception|^\s+at [a-z]' "$work/app.log"; then
    cat "$work/app.log" >&2
    fail "run 2: an exception was logged"
fi
echo "run 2: ended after SIGTERM with status $status, no exception logged"
# The log file a support bundle carries: written by the packaged app, in the (throw-away) home's XDG state folder.
logfile="$HOME/.local/state/zap-commissioner/logs/zap-commissioner.log"
grep -q 'Started' "$logfile" 2>/dev/null || fail "the app's log file $logfile is missing or has no 'Started' line"
echo "log file: ${logfile#"$work"/} ($(wc -l <"$logfile") lines)"

# (3) Where the package installs it: the app's own classes from its archive.
echo "--- run 3: --demo --startup-probe at /opt/zap-commissioner (the app's archive must be in use)"
installed=(at_install_path "$work/root/opt/zap-commissioner" /opt/zap-commissioner
    timeout 120 "${xvfb[@]}" /opt/zap-commissioner/bin/zap-commissioner --demo --startup-probe)
probe run3 "${installed[@]}"
grep -q 'com\.sourceful\.commissioner\.Main source: shared objects file (top)$' "$work/run3.classes" \
    || fail "run 3: the app's classes did not come from its class-data archive ($CDS_ARCHIVE)"

# (4) The archive gone: the app still starts, with the JDK's archive.
echo "--- run 4: the same without the app's archive"
rm "$work/root/opt/zap-commissioner/$CDS_ARCHIVE"
probe run4 "${installed[@]}"
[ "$(from_archive run4 base)" -gt 0 ] || fail "run 4: the JDK's class-data archive was not used"
[ "$(from_archive run4 app)" = 0 ] || fail "run 4: classes came from a removed archive"
echo "SMOKE OK: $deb"
