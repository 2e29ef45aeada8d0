#!/usr/bin/env bash
# Shared by the Linux and macOS installer scripts (sourced, not run): version from the pom, the jar, and a
# jlink-trimmed Java runtime. The Windows script (build-msi.ps1) does the same steps in PowerShell.
# Everything goes to target/installer/; the caller must be in the repository root.

# Fails with a clear message when a tool is missing: require TOOL "how to get it".
require() {
    command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' not found: $2" >&2; exit 1; }
}

# The project version (the pom's own <version>, 4 spaces in), without -SNAPSHOT: installers want numbers.
pom_version() {
    local v
    v=$(sed -n 's|^    <version>\([^<]*\)</version>.*|\1|p' pom.xml | head -n 1)
    [ -n "$v" ] || { echo "error: no <version> found in pom.xml" >&2; exit 1; }
    echo "${v%-SNAPSHOT}"
}

# Java modules the app needs: what jdeps finds, plus modules only reached by reflection or service loading
# (TLS with EC keys for Novacore, Swedish/English locale data, DNS names for mDNS, charsets).
EXTRA_MODULES="jdk.crypto.ec,jdk.localedata,java.naming,jdk.charsets,java.logging"

# Builds target/zap-commissioner.jar + target/lib/ (unless SKIP_MVN=1) and stages them in target/installer/input,
# then jlinks target/installer/runtime.
build_jar_and_runtime() {
    require jlink "install a full JDK 17+ (e.g. openjdk-17-jdk, Temurin 17)"
    require jdeps "install a full JDK 17+ (e.g. openjdk-17-jdk, Temurin 17)"
    if [ "${SKIP_MVN:-0}" != 1 ]; then
        require mvn "install Maven 3.8+ (e.g. apt-get install maven)"
        mvn -B -q -Dstyle.color=never -DskipTests package
    fi
    [ -f target/zap-commissioner.jar ] || { echo "error: target/zap-commissioner.jar missing (run mvn -B -DskipTests package)" >&2; exit 1; }

    rm -rf target/installer
    mkdir -p target/installer/input
    cp target/zap-commissioner.jar target/installer/input/
    cp -r target/lib target/installer/input/lib

    local modules
    modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
        --class-path 'target/lib/*' target/zap-commissioner.jar)
    modules="$modules,$EXTRA_MODULES"
    echo "jlink modules: $modules"
    # --generate-cds-archive: the runtime ships a class-data archive of its own classes, as a full JDK does;
    # without it every start loads and verifies the JDK's classes anew (measured in the README, "Installers").
    jlink --add-modules "$modules" \
        --include-locales=en,sv \
        --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
        --output target/installer/runtime
}

# Options every jpackage call shares, into the array JPACKAGE_ARGS (used by the sourcing script).
common_jpackage_args() {
    local version=$1
    # shellcheck disable=SC2034
    JPACKAGE_ARGS=(
        --name zap-commissioner
        --app-version "$version"
        --vendor "Sourceful"
        --description "Commissioning wizard for Sourceful Zap gateways"
        --copyright "Sourceful"
        --input target/installer/input
        --main-jar zap-commissioner.jar
        --main-class com.sourceful.commissioner.Main
        --runtime-image target/installer/runtime
        --dest target/installer
    )
}
