# Builds the Windows installer of Zap Commissioner: the jar, a jlink-trimmed Java runtime, then jpackage
# (app image, then --type msi from it, so the launcher can be signed before it goes into the MSI), then links that
# MSI again with the firewall rule of installer\windows\wix\firewall.wxs (step 3 says why).
# Run on Windows with a full JDK 17+, Maven and the WiX Toolset 3 (candle.exe, light.exe on PATH, with its
# WixFirewallExtension.dll; WiX 4/5's wix.exe is not enough). Output: target\installer\zap-commissioner-<version>.msi
#   powershell -ExecutionPolicy Bypass -File installer\windows\build-msi.ps1
#   powershell -ExecutionPolicy Bypass -File installer\windows\check-msi.ps1 <the .msi>   (the firewall rule is in)
#   $env:SKIP_MVN = "1"  reuses target\zap-commissioner.jar and target\lib\
#
# Signing (skipped with a message when not configured): WINDOWS_CERT_FILE (a .pfx) and WINDOWS_CERT_PASSWORD;
# optional WINDOWS_TIMESTAMP_URL (default http://timestamp.digicert.com). signtool.exe from the Windows SDK.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location (Join-Path $PSScriptRoot '..\..')

# Never change: Windows recognises later versions of the app as upgrades of earlier ones by this id.
$UpgradeUuid = 'f3951506-9405-482e-a23e-e5297c08df1b'
$ExtraModules = 'jdk.crypto.ec,jdk.localedata,java.naming,jdk.charsets,java.logging'

function Require([string]$Tool, [string]$Hint) {
    if (-not (Get-Command $Tool -ErrorAction SilentlyContinue)) {
        Write-Error "error: '$Tool' not found: $Hint"
        exit 1
    }
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Error "error: $Exe exited with $LASTEXITCODE"
        exit $LASTEXITCODE
    }
}

Require 'jpackage' 'install a full JDK 17+ (e.g. Temurin 17) and put its bin directory on PATH'
Require 'jlink' 'install a full JDK 17+ (e.g. Temurin 17)'
Require 'jdeps' 'install a full JDK 17+ (e.g. Temurin 17)'
$candle = Get-Command 'candle.exe' -ErrorAction SilentlyContinue
if (-not ($candle -and (Get-Command 'light.exe' -ErrorAction SilentlyContinue))) {
    Write-Error ("error: the WiX Toolset 3 is not on PATH (candle.exe and light.exe, for jpackage and the firewall " +
        "rule; e.g. 'choco install wixtoolset' or https://github.com/wixtoolset/wix3/releases)")
    exit 1
}
if (-not (Test-Path (Join-Path (Split-Path $candle.Source) 'WixFirewallExtension.dll'))) {
    Write-Error "error: no WixFirewallExtension.dll next to $($candle.Source) (a full WiX Toolset 3 install has it)"
    exit 1
}

# Version: the pom's own <version> (4 spaces in), without -SNAPSHOT (MSI versions are numbers only).
$line = Select-String -Path 'pom.xml' -Pattern '^    <version>([^<]+)</version>' | Select-Object -First 1
if (-not $line) { Write-Error 'error: no <version> found in pom.xml'; exit 1 }
$version = $line.Matches[0].Groups[1].Value -replace '-SNAPSHOT$', ''
Write-Host "version $version"

if ($env:SKIP_MVN -ne '1') {
    Require 'mvn' 'install Maven 3.8+ (e.g. choco install maven)'
    Invoke-Checked 'mvn' @('-B', '-q', '-DskipTests', 'package')
}
if (-not (Test-Path 'target\zap-commissioner.jar')) {
    Write-Error 'error: target\zap-commissioner.jar missing (run mvn -B -DskipTests package)'
    exit 1
}

if (Test-Path 'target\installer') { Remove-Item -Recurse -Force 'target\installer' }
New-Item -ItemType Directory -Force 'target\installer\input' | Out-Null
Copy-Item 'target\zap-commissioner.jar' 'target\installer\input\'
Copy-Item -Recurse 'target\lib' 'target\installer\input\lib'

# Trimmed runtime: the modules jdeps finds plus those reached only by reflection or services.
$found = (& jdeps --multi-release 17 --ignore-missing-deps --print-module-deps `
    --class-path 'target\lib\*' 'target\zap-commissioner.jar' | Select-Object -Last 1).Trim()
if ($LASTEXITCODE -ne 0 -or -not $found) { Write-Error 'error: jdeps failed'; exit 1 }
$modules = "$found,$ExtraModules"
Write-Host "jlink modules: $modules"
Invoke-Checked 'jlink' @('--add-modules', $modules, '--include-locales=en,sv', '--strip-debug',
    '--no-header-files', '--no-man-pages', '--compress=2', '--generate-cds-archive', '--output', 'target\installer\runtime')

$common = @('--name', 'zap-commissioner', '--app-version', $version, '--vendor', 'Sourceful',
    '--description', 'Commissioning wizard for Sourceful Zap gateways', '--copyright', 'Sourceful',
    '--dest', 'target\installer')

# 1. The app image (launcher + runtime + jars). No class-data archive of the app's classes (the Linux installers have
#    one): JDK 17 uses one only from the jars' path and times it was made with, and the MSI's copy and its folder
#    chooser keep neither (docs/installers.md).
Invoke-Checked 'jpackage' ($common + @('--type', 'app-image',
    '--input', 'target\installer\input', '--main-jar', 'zap-commissioner.jar',
    '--main-class', 'com.sourceful.commissioner.Main', '--runtime-image', 'target\installer\runtime',
    '--icon', 'assets\icon.ico'))

$sign = $env:WINDOWS_CERT_FILE -and $env:WINDOWS_CERT_PASSWORD
$timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }
function Invoke-Signing([string]$Path) {
    Invoke-Checked 'signtool.exe' @('sign', '/fd', 'SHA256', '/f', $env:WINDOWS_CERT_FILE, '/p', $env:WINDOWS_CERT_PASSWORD,
        '/tr', $timestamp, '/td', 'SHA256', '/d', 'Zap Commissioner', $Path)
}
if ($sign) {
    Require 'signtool.exe' 'install the Windows SDK (signtool.exe) and put it on PATH'
    Write-Host 'signing the launcher'
    Invoke-Signing 'target\installer\zap-commissioner\zap-commissioner.exe'
} else {
    Write-Host 'signing skipped: WINDOWS_CERT_FILE and WINDOWS_CERT_PASSWORD are not set (the MSI is unsigned; SmartScreen will warn)'
}

# 2. The MSI from that image: start-menu entry, desktop shortcut, install folder chooser, fixed upgrade id.
#    --temp keeps jpackage's WiX sources (config\) and objects (wixobj\) for step 3.
$jpackageTemp = 'target\installer\jpackage-temp'
Invoke-Checked 'jpackage' ($common + @('--type', 'msi', '--app-image', 'target\installer\zap-commissioner',
    '--win-upgrade-uuid', $UpgradeUuid, '--win-menu', '--win-menu-group', 'Sourceful',
    '--win-shortcut', '--win-dir-chooser', '--temp', $jpackageTemp))

$msi = Get-ChildItem 'target\installer\*.msi' | Sort-Object LastWriteTime | Select-Object -Last 1
if (-not $msi) { Write-Error 'error: jpackage made no .msi'; exit 1 }

# 3. The inbound firewall rule for mDNS (installer\windows\wix\firewall.wxs says which and why). jpackage runs candle
#    and light with WixUtilExtension (and WixUIExtension) only and has no option for another extension, so the MSI is
#    linked again here from jpackage's own objects plus two: the firewall fragment, and jpackage's UI fragment
#    compiled again with one reference added, <FeatureRef Id="DefaultFeature"><ComponentGroupRef Id="ZapFirewall"/>
#    (light takes a fragment only when something it already takes refers to it; ui.wxf has no variables to repeat).
#    The launcher in jpackage's copy of the app image is the signed one.
$config = Join-Path (Resolve-Path $jpackageTemp).Path 'config'
$objects = Join-Path (Resolve-Path $jpackageTemp).Path 'wixobj'
$uiSource = Join-Path $config 'ui.wxf'
$mainSource = Join-Path $config 'main.wxs'
foreach ($needed in @((Join-Path $objects 'main.wixobj'), (Join-Path $objects 'ui.wixobj'), $uiSource, $mainSource)) {
    if (-not (Test-Path $needed)) {
        Write-Error "error: jpackage left no $needed (did its --temp layout change?): cannot add the firewall rule"
        exit 1
    }
}
if (-not (Select-String -Quiet -Path $mainSource -Pattern '<Feature Id="DefaultFeature"')) {
    Write-Error "error: jpackage's main.wxs has no feature 'DefaultFeature' to add the firewall rule to"
    exit 1
}
$wixOut = (New-Item -ItemType Directory -Force 'target\installer\wix').FullName
$wixNs = 'http://schemas.microsoft.com/wix/2006/wi'
[xml]$ui = Get-Content -Raw $uiSource
$fragment = $ui.DocumentElement.GetElementsByTagName('Fragment', $wixNs).Item(0)
if (-not $fragment) { Write-Error "error: no <Fragment> in $uiSource"; exit 1 }
$featureRef = $ui.CreateElement('FeatureRef', $wixNs)
$featureRef.SetAttribute('Id', 'DefaultFeature')
$groupRef = $ui.CreateElement('ComponentGroupRef', $wixNs)
$groupRef.SetAttribute('Id', 'ZapFirewall')
[void]$featureRef.AppendChild($groupRef)
[void]$fragment.AppendChild($featureRef)
$uiLinked = Join-Path $wixOut 'ui-firewall.wxs'
$ui.Save($uiLinked)

$firewallSource = (Resolve-Path 'installer\windows\wix\firewall.wxs').Path
$extensions = @('-ext', 'WixUtilExtension', '-ext', 'WixUIExtension', '-ext', 'WixFirewallExtension')
$candleOptions = @('-nologo', '-arch', 'x64', '-ext', 'WixUtilExtension', '-ext', 'WixFirewallExtension')
$uiObject = Join-Path $wixOut 'ui-firewall.wixobj'
$firewallObject = Join-Path $wixOut 'firewall.wixobj'
Invoke-Checked 'candle.exe' ($candleOptions + @('-out', $uiObject, $uiLinked))
Invoke-Checked 'candle.exe' ($candleOptions + @('-out', $firewallObject, $firewallSource))
# As jpackage links: its objects but ui.wixobj, its .wxl strings (English culture), wixhelper.dll from config\ (-b).
$jpackageObjects = @(Get-ChildItem $objects -Filter '*.wixobj' | Where-Object { $_.Name -ne 'ui.wixobj' } |
    ForEach-Object { $_.FullName })
$strings = @(Get-ChildItem $config -Filter '*.wxl' | ForEach-Object { @('-loc', $_.FullName) })
$linked = Join-Path $wixOut $msi.Name
Invoke-Checked 'light.exe' (@('-nologo', '-spdb') + $extensions + @('-sice:ICE27', '-b', $config) + $strings +
    @('-cultures:en-us', '-out', $linked) + $jpackageObjects + @($uiObject, $firewallObject))
Move-Item -Force $linked $msi.FullName
Write-Host "firewall rule linked into $($msi.Name)"

if ($sign) {
    Write-Host "signing $($msi.Name)"
    Invoke-Signing $msi.FullName
}
Remove-Item -Recurse -Force 'target\installer\input', 'target\installer\runtime', 'target\installer\zap-commissioner',
    $jpackageTemp, $wixOut
Get-ChildItem 'target\installer'
