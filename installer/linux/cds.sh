#!/usr/bin/env bash
# The app's class-data archive (CDS) for the Linux installers; sourced (by build-deb.sh, smoke-deb.sh and
# bench/startup-installed), not run.
#
# JDK 17 maps an archive made with -XX:ArchiveClassesAtExit only when every jar on the class path has the path,
# size and modification time it had when the archive was made; otherwise it warns once and starts without it.
# jpackage copies files without their times (input -> app image -> package), so the archive is made last, from the
# very files the package installs, seen at the path they are installed to (/opt/zap-commissioner for the DEB).
#
# The launcher names the runtime's own archive before the app's: with only the app's archive named, a missing one
# switches class-data sharing off altogether (the JDK's classes too, as slow as -Xshare:off); named after the
# runtime's, a missing or stale app archive leaves the runtime's in use.
# shellcheck disable=SC2016  # $APPDIR is the launcher's to expand, not the shell's
CDS_JAVA_OPTION='-XX:SharedArchiveFile=$APPDIR/../runtime/lib/server/classes.jsa:$APPDIR/zap-commissioner.jsa'
CDS_ARCHIVE=lib/app/zap-commissioner.jsa   # in the app image

# at_install_path DIR PATH COMMAND...: runs COMMAND with the directory DIR seen at PATH (e.g. /opt/zap-commissioner),
# in a mount namespace of its own: nothing is installed or changed outside it. As root: unshare --mount; otherwise an
# unprivileged user namespace (unshare --user --map-root-user), where the kernel allows one.
at_install_path() {
    local dir=$1 path=$2
    shift 2
    local ns=(unshare --mount)
    [ "$(id -u)" = 0 ] || ns=(unshare --user --map-root-user --mount)
    # DIR first bound to a directory of its own, then an empty tmpfs over PATH's parent (nothing created there on
    # the real file system, an installed copy hidden; so is the rest of that parent, e.g. /opt, for COMMAND), then
    # DIR bound at PATH.
    local stash
    stash=$(mktemp -d)
    local status=0
    # shellcheck disable=SC2016  # the inner shell's $1..$3
    "${ns[@]}" sh -c 'set -e
        mount --bind "$1" "$3"
        mount -t tmpfs tmpfs "$(dirname "$2")"
        mkdir "$2"
        mount --bind "$3" "$2"
        shift 3
        exec "$@"' sh "$dir" "$path" "$stash" "$@" || status=$?
    rmdir "$stash" 2>/dev/null || true
    return $status
}

# A window needs a display: xvfb-run, unless one is already there (a desktop). Into the array DISPLAY_RUN.
display_run() {
    DISPLAY_RUN=()
    if [ -z "${DISPLAY:-}" ]; then
        require xvfb-run "install xvfb and xauth (apt-get install xvfb xauth)"
        DISPLAY_RUN=(xvfb-run -a -s "-screen 0 1280x800x24")
    fi
}

# make_app_archive IMAGE PATH: makes IMAGE/$CDS_ARCHIVE with one demo start of IMAGE's own launcher to its first
# frame (--demo --startup-probe: the simulated Zap and Novacore on this computer only; exits by itself), IMAGE seen
# at PATH, where it will be installed (PATH = IMAGE: where it is). A throw-away home: no settings or logs of the
# builder's. For that run the launcher's own option (CDS_JAVA_OPTION, in its .cfg) gives way to the ones making the
# archive (with two archives named, JDK 17 refuses to write one); options in the .cfg, one an argument, may hold
# spaces, which JAVA_TOOL_OPTIONS could not.
make_app_archive() {
    local image=$1 path=$2
    local cfg="$image/lib/app/zap-commissioner.cfg"
    grep -qF -- "$CDS_JAVA_OPTION" "$cfg" || { echo "error: $cfg lacks $CDS_JAVA_OPTION" >&2; exit 1; }
    local work
    work=$(mktemp -d)
    cp -p "$cfg" "$work/launcher.cfg"
    awk -v cds="java-options=$CDS_JAVA_OPTION" \
        -v dump="java-options=-XX:ArchiveClassesAtExit=\$APPDIR/zap-commissioner.jsa" \
        -v home="java-options=-Duser.home=$work/home" \
        '$0 == cds { print dump; print home; next } { print }' "$work/launcher.cfg" >"$cfg"
    rm -f "$image/$CDS_ARCHIVE"
    mkdir -p "$work/home"
    echo "class-data archive: one demo start of the app at $path ..."
    display_run
    # Without XDG_CONFIG_HOME and XDG_STATE_HOME, which would win over that home for the settings and the log.
    local run=(env -u XDG_CONFIG_HOME -u XDG_STATE_HOME "${DISPLAY_RUN[@]}" timeout 300 "$path/bin/zap-commissioner"
        --demo --startup-probe)
    [ "$image" = "$path" ] || run=(at_install_path "$image" "$path" "${run[@]}")
    local status=0
    "${run[@]}" >"$work/dump.log" 2>&1 || status=$?
    cp -p "$work/launcher.cfg" "$cfg"
    if [ "$status" != 0 ] || ! grep -q 'startup-probe: first frame rendered' "$work/dump.log" \
            || [ ! -s "$image/$CDS_ARCHIVE" ]; then
        grep -v '\[cds\]' "$work/dump.log" >&2 || true
        rm -rf "$work"
        echo "error: making the class-data archive failed (status $status)" >&2
        exit 1
    fi
    grep 'startup-probe:' "$work/dump.log"
    rm -rf "$work"
    echo "class-data archive: $image/$CDS_ARCHIVE ($(du -h "$image/$CDS_ARCHIVE" | cut -f1))"
}

# add_archive_to_deb DEB: unpacks DEB, makes the archive from its files seen at /opt/zap-commissioner, and packs it
# again with the archive (the same files and times; Installed-Size updated).
add_archive_to_deb() {
    local deb=$1
    local stage
    stage=$(mktemp -d "${TMPDIR:-/tmp}/zap-commissioner-deb.XXXXXX")
    dpkg-deb -R "$deb" "$stage"
    make_app_archive "$stage/opt/zap-commissioner" /opt/zap-commissioner
    local size
    size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$stage/DEBIAN/control"
    # SOURCE_DATE_EPOCH would make dpkg-deb clamp the files' times, and the archive would not match them.
    env -u SOURCE_DATE_EPOCH dpkg-deb --root-owner-group -b "$stage" "$deb" >/dev/null
    rm -rf "$stage"
}
