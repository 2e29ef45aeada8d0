#!/usr/bin/env bash
# Builds a self-contained Linux app image (and, with --deb, a .deb) of Zap Commissioner with jpackage.
# Output: target/installer/. Windows MSI and macOS DMG scripts follow in installer/windows and installer/macos.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v jpackage >/dev/null || { echo "jpackage not found: install a full JDK 17+ (e.g. openjdk-17-jdk)" >&2; exit 1; }
type=app-image
if [ "${1:-}" = "--deb" ]; then
    type=deb
    command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
        || { echo "building a .deb needs fakeroot and dpkg-deb (apt-get install fakeroot dpkg)" >&2; exit 1; }
fi

version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout)
mvn -B -q -DskipTests package

rm -rf target/installer
mkdir -p target/installer/input
cp target/zap-commissioner.jar target/installer/input/
cp -r target/lib target/installer/input/lib

extra=()
if [ "$type" = deb ]; then
    extra+=(--linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Utility)
fi

jpackage --type "$type" \
    --name zap-commissioner \
    --app-version "$version" \
    --vendor "Sourceful" \
    --description "Commissioning wizard for Sourceful Zap gateways" \
    --input target/installer/input \
    --main-jar zap-commissioner.jar \
    --main-class com.sourceful.commissioner.Main \
    --dest target/installer \
    "${extra[@]}"

ls -l target/installer
