#!/usr/bin/env bash
# Builds the Debian package of Zap Commissioner: the jar, a jlink-trimmed Java runtime, then jpackage --type deb.
# Output: target/installer/zap-commissioner_<version>_<arch>.deb (installs to /opt/zap-commissioner, with a menu entry).
#   installer/linux/build-deb.sh                  # jar + runtime + .deb
#   installer/linux/build-deb.sh --type app-image # the same app as a plain directory (target/installer/zap-commissioner)
#   SKIP_MVN=1 installer/linux/build-deb.sh       # reuse target/zap-commissioner.jar and target/lib/
#   NO_CDS=1 installer/linux/build-deb.sh         # without the app's class-data archive (the app starts without it)
# The app's class-data archive (installer/linux/cds.sh) is made by one demo start of the packaged app to its first
# frame: it needs xvfb-run (or a display) and, unless run as root, unprivileged user namespaces (unshare --user).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=installer/runtime.sh
. installer/runtime.sh
# shellcheck source=installer/linux/cds.sh
. installer/linux/cds.sh

type=deb
if [ "${1:-}" = "--type" ]; then
    type=${2:?--type needs deb or app-image}
fi
case "$type" in deb|app-image) ;; *) echo "error: --type must be deb or app-image" >&2; exit 2 ;; esac

require jpackage "install a full JDK 17+ (e.g. openjdk-17-jdk)"
if [ "$type" = deb ]; then
    require dpkg-deb "install dpkg (apt-get install dpkg)"
    require fakeroot "install fakeroot (apt-get install fakeroot)"
fi

version=$(pom_version)
build_jar_and_runtime
common_jpackage_args "$version"

extra=(--icon assets/icon.png --java-options "$CDS_JAVA_OPTION")
if [ "$type" = deb ]; then
    extra+=(
        --linux-package-name zap-commissioner
        --linux-app-category utils
        --linux-menu-group "Utility"
        --linux-shortcut
        --linux-package-deps libgtk-3-0
        --linux-deb-maintainer "support@sourceful.energy"
        --resource-dir installer/linux/resources   # the menu entry: "Zap Commissioner", keywords
    )
fi

jpackage --type "$type" "${JPACKAGE_ARGS[@]}" "${extra[@]}"
rm -rf target/installer/input
if [ "${NO_CDS:-0}" = 1 ]; then
    echo "class-data archive skipped (NO_CDS=1)"
elif [ "$type" = deb ]; then
    add_archive_to_deb "$(find target/installer -maxdepth 1 -name '*.deb' | head -n 1)"
else
    # The app image's archive matches it where it is built; moved, it starts without (and says so once).
    image="$(pwd)/target/installer/zap-commissioner"
    make_app_archive "$image" "$image"
fi
ls -l target/installer
