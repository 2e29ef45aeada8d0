#!/usr/bin/env bash
# Builds the macOS disk image of Zap Commissioner: the jar, a jlink-trimmed Java runtime, then jpackage --type dmg.
# Run on a Mac with a full JDK 17+ and Maven. Output: target/installer/zap-commissioner-<version>.dmg
#
# Signing (skipped with a message when not configured):
#   MAC_SIGNING_IDENTITY   the NAME (TEAMID) part of the keychain's "Developer ID Application: NAME (TEAMID)" -> --mac-sign
#   MAC_SIGNING_KEYCHAIN   optional: the keychain that holds it
# Notarisation (only when signed; skipped with a message when not configured):
#   NOTARY_APPLE_ID, NOTARY_TEAM_ID, NOTARY_PASSWORD (an app-specific password) -> xcrun notarytool + stapler
# Version: macOS wants a first number above zero; a 0.x.y pom version is packaged as 1.x.y unless
#   MAC_APP_VERSION is set (the file name keeps the pom version).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=installer/runtime.sh
. installer/runtime.sh

[ "$(uname -s)" = Darwin ] || { echo "error: build-dmg.sh runs on macOS only (jpackage builds a DMG only there)" >&2; exit 1; }
require jpackage "install a full JDK 17+ (e.g. Temurin 17)"
require hdiutil "hdiutil is part of macOS; is this a full macOS install?"

version=$(pom_version)
app_version=${MAC_APP_VERSION:-$version}
if [ "${app_version%%.*}" = 0 ]; then
    app_version="1.${app_version#*.}"
    echo "note: macOS needs a first version number above 0: packaging $version as $app_version (set MAC_APP_VERSION to choose)"
fi

build_jar_and_runtime
common_jpackage_args "$app_version"

extra=(
    --icon assets/icon.icns
    --mac-package-identifier com.sourceful.zapcommissioner
    --mac-package-name "Zap Commissioner"
)
signed=""
if [ -n "${MAC_SIGNING_IDENTITY:-}" ]; then
    require codesign "install the Xcode command line tools (xcode-select --install)"
    extra+=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_IDENTITY"
            --mac-entitlements installer/macos/entitlements.plist)
    if [ -n "${MAC_SIGNING_KEYCHAIN:-}" ]; then
        extra+=(--mac-signing-keychain "$MAC_SIGNING_KEYCHAIN")
    fi
    signed=yes
    echo "signing with: $MAC_SIGNING_IDENTITY"
else
    echo "signing skipped: MAC_SIGNING_IDENTITY is not set (the DMG is unsigned; Gatekeeper will warn)"
fi

# No class-data archive of the app's classes here (the Linux installers have one): JDK 17 uses one only from the jars'
# path and times it was made with, and the DMG's copy and a dragged app keep neither (docs/installers.md).
jpackage --type dmg "${JPACKAGE_ARGS[@]}" "${extra[@]}"
rm -rf target/installer/input

built=$(find target/installer -maxdepth 1 -name '*.dmg' | head -n 1)
dmg="target/installer/zap-commissioner-$version.dmg"
[ "$built" = "$dmg" ] || mv "$built" "$dmg"

if [ -n "$signed" ] && [ -n "${NOTARY_APPLE_ID:-}" ] && [ -n "${NOTARY_TEAM_ID:-}" ] && [ -n "${NOTARY_PASSWORD:-}" ]; then
    require xcrun "install the Xcode command line tools (xcode-select --install)"
    echo "notarising $dmg"
    xcrun notarytool submit "$dmg" --apple-id "$NOTARY_APPLE_ID" --team-id "$NOTARY_TEAM_ID" \
        --password "$NOTARY_PASSWORD" --wait
    xcrun stapler staple "$dmg"
elif [ -n "$signed" ]; then
    echo "notarisation skipped: NOTARY_APPLE_ID, NOTARY_TEAM_ID and NOTARY_PASSWORD are not all set"
else
    echo "notarisation skipped: the DMG is not signed"
fi
ls -l target/installer
