#!/usr/bin/env bash
# Builds the macOS disk image of Zap Commissioner: the jar, a jlink-trimmed Java runtime, the app bundle with
# jpackage --type app-image (Info.plist from installer/macos/resources) plus the localised InfoPlist.strings, signed
# here with codesign, then the DMG with hdiutil. installer/macos/check-app.sh checks what went into the bundle.
# Run on a Mac with a full JDK 17+ and Maven. Output: target/installer/zap-commissioner-<version>.dmg
#
# Signing (skipped with a message when not configured):
#   MAC_SIGNING_IDENTITY   the NAME (TEAMID) part of the keychain's "Developer ID Application: NAME (TEAMID)"
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

# The bundle's Info.plist comes from installer/macos/resources/Info.plist (--resource-dir): JDK 17 jpackage's own
# template, Info-lite.plist.template from src/jdk.jpackage/macosx/classes/jdk/jpackage/internal/resources/ of
# openjdk/jdk17u, with its DEPLOY_* tokens kept (jpackage substitutes them in a resource-dir Info.plist as in its own)
# and two keys added: NSLocalNetworkUsageDescription and NSBonjourServices. Without them macOS 15 and later deny the
# app the local network without asking (mDNS and connections to LAN hosts fail with "No route to host") and it never
# appears under Privacy & Security > Local Network. The localised usage text (en.lproj, sv.lproj InfoPlist.strings)
# is not something JDK 17 jpackage can add (no --app-content before JDK 18), so:
#   1. jpackage --type app-image, without --mac-sign;
#   2. the .lproj folders copied into Contents/Resources;
#   3. the bundle signed here with codesign, inside out as jpackage signs (Developer ID with the hardened runtime
#      and entitlements when MAC_SIGNING_IDENTITY is set, otherwise ad hoc, which Apple silicon needs to run it);
#   4. the DMG made here with hdiutil.
# Why not `jpackage --type dmg --app-image ... --mac-sign`: JDK 17 jpackage does not sign a given app image with the
# identity (it only warns that the image is unsigned), and for an image it did not sign itself it re-signs the bundle
# ad hoc (MacBaseInstallerBundler.prepareAppBundle in 17u), which would replace our Developer ID signature. Files
# added after any signing break the bundle's seal (Gatekeeper: "damaged"), hence copy first, sign last.
jpackage --type app-image "${JPACKAGE_ARGS[@]}" \
    --resource-dir installer/macos/resources \
    --icon assets/icon.icns \
    --mac-package-identifier com.sourceful.zapcommissioner \
    --mac-package-name "Zap Commissioner"
rm -rf target/installer/input
app=target/installer/zap-commissioner.app
[ -d "$app/Contents" ] || { echo "error: jpackage made no $app" >&2; exit 1; }

for lproj in installer/macos/lproj/*.lproj; do
    rm -rf "${app:?}/Contents/Resources/$(basename "$lproj")"
    cp -R "$lproj" "$app/Contents/Resources/"
done

if [ -n "${MAC_SIGNING_IDENTITY:-}" ]; then
    require codesign "install the Xcode command line tools (xcode-select --install)"
    case "$MAC_SIGNING_IDENTITY" in
        "Developer ID"*) identity=$MAC_SIGNING_IDENTITY ;;
        *) identity="Developer ID Application: $MAC_SIGNING_IDENTITY" ;;
    esac
    echo "signing with: $identity"
else
    require codesign "codesign is part of macOS (/usr/bin/codesign)"
    identity=-
    echo "signing skipped: MAC_SIGNING_IDENTITY is not set (app signed ad hoc, DMG unsigned; Gatekeeper will warn)"
fi

# Signs the bundle as JDK 17 jpackage does (MacAppImageBuilder.signAppBundle): every executable file and dylib
# except the main launcher, then the runtime, then the app (which seals Contents/Resources, our .lproj included).
# The hardened runtime, a timestamp and the entitlements only with a real identity, as there.
sign_app() {
    local app=$1 identity=$2 file
    local base=(codesign --force --sign "$identity")
    local with_entitlements=()   # expanded as ${a[@]+"${a[@]}"}: macOS's bash 3.2 calls an empty array unset
    if [ "$identity" != - ]; then
        base+=(--timestamp --options runtime --prefix com.sourceful.zapcommissioner.)
        if [ -n "${MAC_SIGNING_KEYCHAIN:-}" ]; then
            base+=(--keychain "$MAC_SIGNING_KEYCHAIN")
        fi
        with_entitlements=(--entitlements installer/macos/entitlements.plist)
    fi
    while IFS= read -r -d '' file; do
        case "$file" in
            *.dylib) "${base[@]}" "$file" ;;
            *) "${base[@]}" ${with_entitlements[@]+"${with_entitlements[@]}"} "$file" ;;
        esac
    done < <(find "$app/Contents" -type f \( -name '*.dylib' -o -perm -0100 \) \
                 ! -path "$app/Contents/MacOS/zap-commissioner" ! -path '*dylib.dSYM/Contents*' -print0)
    "${base[@]}" ${with_entitlements[@]+"${with_entitlements[@]}"} "$app/Contents/runtime"
    "${base[@]}" ${with_entitlements[@]+"${with_entitlements[@]}"} "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
}
sign_app "$app" "$identity"
signed=""
[ "$identity" = - ] || signed=yes

# The disk image: the app and a link to /Applications to drag it to. hdiutil create now and then fails on hosted
# runners with "Resource busy" (jpackage works around the same, JDK-8248059): a few tries.
dmg="target/installer/zap-commissioner-$version.dmg"
root=target/installer/dmg-root
rm -rf "$root" && mkdir -p "$root"
mv "$app" "$root/"
ln -s /Applications "$root/Applications"
made=""
for attempt in 1 2 3; do
    if hdiutil create -volname "Zap Commissioner" -srcfolder "$root" -fs HFS+ -format UDZO -ov "$dmg"; then
        made=yes
        break
    fi
    echo "hdiutil create failed (attempt $attempt of 3); retrying in 10 s" >&2
    sleep 10
done
[ -n "$made" ] || { echo "error: hdiutil could not create $dmg" >&2; exit 1; }
if [ -n "$signed" ]; then
    keychain_args=()
    if [ -n "${MAC_SIGNING_KEYCHAIN:-}" ]; then
        keychain_args=(--keychain "$MAC_SIGNING_KEYCHAIN")
    fi
    codesign --force --timestamp --sign "$identity" ${keychain_args[@]+"${keychain_args[@]}"} "$dmg"
fi

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
