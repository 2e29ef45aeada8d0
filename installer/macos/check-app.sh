#!/usr/bin/env bash
# Checks what build-dmg.sh put into the macOS app bundle: the Local Network privacy keys in Info.plist (without them
# macOS 15 and later deny the app the LAN without asking), the English and Swedish InfoPlist.strings, no jpackage
# token left unsubstituted, and a signature that still seals the bundle after the .lproj folders were added.
# Usage: installer/macos/check-app.sh <path to zap-commissioner.app or .dmg>   (macOS only: plutil, hdiutil, codesign)
# Prints every problem found and exits 1 if there was one.
set -euo pipefail

# The Bonjour service types the app browses (MdnsBrowser.SERVICE_TYPE without ".local."); MacBundleInputsTest checks
# that this list names every type the discovery code uses.
EXPECTED_SERVICES=(_http._tcp)
EXPECTED_LOCALIZATIONS=(en sv)
BUNDLE_ID=com.sourceful.zapcommissioner

[ $# = 1 ] || { echo "usage: $0 <path to .app or .dmg>" >&2; exit 2; }
[ "$(uname -s)" = Darwin ] || { echo "error: check-app.sh runs on macOS only (plutil, codesign)" >&2; exit 2; }
target=$1
[ -e "$target" ] || { echo "error: $target does not exist" >&2; exit 2; }

mountpoint=""
detach() {
    if [ -n "$mountpoint" ]; then
        hdiutil detach "$mountpoint" -quiet || hdiutil detach "$mountpoint" -force -quiet || true
        rmdir "$mountpoint" 2>/dev/null || true
    fi
}
trap detach EXIT

case "$target" in
    *.dmg)
        mountpoint=$(mktemp -d "${TMPDIR:-/tmp}/zap-dmg.XXXXXX")
        hdiutil attach -readonly -nobrowse -noautoopen -mountpoint "$mountpoint" "$target" >/dev/null
        app=$(find "$mountpoint" -maxdepth 1 -name '*.app' -type d | head -n 1)
        [ -n "$app" ] || { echo "FAIL: no .app at the top of $target" >&2; exit 1; }
        ;;
    *.app|*.app/) app=${target%/} ;;
    *) echo "error: $target is neither a .app nor a .dmg" >&2; exit 2 ;;
esac

plist="$app/Contents/Info.plist"
problems=0
fail() { echo "FAIL: $*" >&2; problems=$((problems + 1)); }
ok() { echo "ok:   $*"; }

# The value at a key path of a plist or strings file, or nothing (plutil -extract ... raw: macOS 12 and later).
value() { plutil -extract "$2" raw -o - "$1" 2>/dev/null || true; }

# Every string of an array, one a line.
array_values() {
    local i=0 v
    while v=$(plutil -extract "$2.$i" raw -o - "$1" 2>/dev/null); do
        printf '%s\n' "$v"
        i=$((i + 1))
    done
}

if [ ! -f "$plist" ]; then
    fail "$plist is missing"
elif ! plutil -lint "$plist" >/dev/null; then
    fail "$plist does not parse: $(plutil -lint "$plist" 2>&1)"
else
    ok "Info.plist parses"
    text=$(value "$plist" NSLocalNetworkUsageDescription)
    if [ -n "$text" ]; then ok "NSLocalNetworkUsageDescription: $text"
    else fail "Info.plist has no NSLocalNetworkUsageDescription (macOS 15+ would deny the local network silently)"; fi

    services=$(array_values "$plist" NSBonjourServices)
    for s in "${EXPECTED_SERVICES[@]}"; do
        if printf '%s\n' "$services" | grep -Fxq -- "$s"; then ok "NSBonjourServices lists $s"
        else fail "NSBonjourServices does not list $s (it lists: ${services:-nothing})"; fi
    done

    localizations=$(array_values "$plist" CFBundleLocalizations)
    for l in "${EXPECTED_LOCALIZATIONS[@]}"; do
        if printf '%s\n' "$localizations" | grep -Fxq -- "$l"; then ok "CFBundleLocalizations lists $l"
        else fail "CFBundleLocalizations does not list $l (it lists: ${localizations:-nothing})"; fi
    done

    # jpackage replaces these tokens in a resource-dir Info.plist; one left means this JDK's jpackage knows another set.
    if grep -q 'DEPLOY_' "$plist"; then
        fail "Info.plist still holds jpackage tokens: $(grep -o 'DEPLOY_[A-Z_]*' "$plist" | sort -u | tr '\n' ' ')"
    else
        ok "no jpackage token left in Info.plist"
    fi
    id=$(value "$plist" CFBundleIdentifier)
    if [ "$id" = "$BUNDLE_ID" ]; then ok "CFBundleIdentifier $id"
    else fail "CFBundleIdentifier is '$id', expected $BUNDLE_ID"; fi
fi

for l in "${EXPECTED_LOCALIZATIONS[@]}"; do
    strings="$app/Contents/Resources/$l.lproj/InfoPlist.strings"
    if [ ! -f "$strings" ]; then
        fail "$strings is missing (the Local Network prompt would not be in this language)"
    elif ! plutil -lint "$strings" >/dev/null; then
        fail "$strings does not parse: $(plutil -lint "$strings" 2>&1)"
    else
        text=$(value "$strings" NSLocalNetworkUsageDescription)
        if [ -n "$text" ]; then ok "$l.lproj NSLocalNetworkUsageDescription: $text"
        else fail "$strings has no NSLocalNetworkUsageDescription"; fi
    fi
done

# The .lproj folders are copied in after jpackage made the bundle: the signature must have been made after them.
if codesign --verify --deep --strict "$app" 2>/dev/null; then
    ok "signature seals the bundle ($(codesign -dv "$app" 2>&1 | grep -E '^(Authority|Signature)=' | head -n 1))"
else
    fail "codesign --verify fails (a file added after signing?):" \
        "$(codesign --verify --deep --strict "$app" 2>&1 | tail -n 3)"
fi

if [ "$problems" -gt 0 ]; then
    echo "$problems problem(s) in $target" >&2
    exit 1
fi
echo "all checks passed: $target"
