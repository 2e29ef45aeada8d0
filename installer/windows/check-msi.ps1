# Checks that a built MSI of Zap Commissioner carries its inbound firewall rule for mDNS (installer\windows\wix\
# firewall.wxs): a WixFirewallException row for UDP 5353, every profile, from the local subnet, for the launcher that
# the MSI installs in the root of INSTALLDIR, owned by a component of the MSI, and the WiX firewall extension's custom
# actions scheduled to add it on install and remove it on uninstall. Reads the MSI only (nothing is installed).
#   powershell -ExecutionPolicy Bypass -File installer\windows\check-msi.ps1 target\installer\<the .msi>
# Exit status 0 when all holds; otherwise 1, with one line per problem.
param([Parameter(Mandatory = $true)][string]$Msi)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Launcher = 'zap-commissioner.exe'
$Program = "[INSTALLDIR]$Launcher"
$UdpProtocol = 17           # NET_FW_IP_PROTOCOL_UDP
$AllProfiles = 2147483647   # NET_FW_PROFILE2_ALL

if (-not (Test-Path -PathType Leaf $Msi)) { Write-Error "error: no such file: $Msi"; exit 1 }
$path = (Resolve-Path $Msi).Path

# WindowsInstaller.Installer has no type library PowerShell can bind to, so its members are called by name.
function Invoke-Com($Object, [string]$Name, [System.Reflection.BindingFlags]$Kind, [object[]]$Arguments = @()) {
    return $Object.GetType().InvokeMember($Name, $Kind, $null, $Object, $Arguments)
}
$method = [System.Reflection.BindingFlags]::InvokeMethod
$property = [System.Reflection.BindingFlags]::GetProperty

$installer = New-Object -ComObject WindowsInstaller.Installer
$database = Invoke-Com $installer 'OpenDatabase' $method @($path, 0)   # 0: read only

# Rows of a query as hashtables of the named string columns; integer columns are read with IntegerData.
function Get-Rows([string]$Sql, [string[]]$Columns, [string[]]$IntegerColumns = @()) {
    $view = Invoke-Com $database 'OpenView' $method @($Sql)
    [void](Invoke-Com $view 'Execute' $method)
    $rows = @()
    while ($true) {
        $record = Invoke-Com $view 'Fetch' $method
        if ($null -eq $record) { break }
        $row = @{}
        for ($i = 0; $i -lt $Columns.Count; $i++) {
            $name = $Columns[$i]
            if ($IntegerColumns -contains $name) {
                $row[$name] = Invoke-Com $record 'IntegerData' $property @($i + 1)
            } else {
                $row[$name] = Invoke-Com $record 'StringData' $property @($i + 1)
            }
        }
        $rows += $row
    }
    [void](Invoke-Com $view 'Close' $method)
    return , $rows
}

$problems = New-Object System.Collections.Generic.List[string]
$tables = Get-Rows "SELECT ``Name`` FROM ``_Tables`` WHERE ``Name`` = 'WixFirewallException'" @('Name')
if ($tables.Count -eq 0) {
    $problems.Add('no WixFirewallException table: the MSI was linked without installer\windows\wix\firewall.wxs')
} else {
    $columns = @('WixFirewallException', 'Name', 'RemoteAddresses', 'Port', 'Protocol', 'Program', 'Profile',
        'Component_')
    $rules = Get-Rows ('SELECT `WixFirewallException`, `Name`, `RemoteAddresses`, `Port`, `Protocol`, `Program`, ' +
        '`Profile`, `Component_` FROM `WixFirewallException`') $columns @('Protocol', 'Profile')
    $mdns = @($rules | Where-Object { $_['Port'] -eq '5353' -and $_['Protocol'] -eq $UdpProtocol })
    if ($mdns.Count -eq 0) {
        $found = ($rules | ForEach-Object {
                "$($_['WixFirewallException']) port=$($_['Port']) protocol=$($_['Protocol'])" }) -join '; '
        $problems.Add("no firewall rule for UDP (17) port 5353; rules: $found")
    }
    foreach ($rule in $mdns) {
        $id = $rule['WixFirewallException']
        if ($rule['Program'] -ne $Program) {
            $problems.Add("rule $id is for program '$($rule['Program'])', not the launcher '$Program'")
        }
        if ($rule['Profile'] -ne $AllProfiles) {
            $problems.Add("rule $id covers profiles $($rule['Profile']), not all ($AllProfiles): Public needs it")
        }
        if ($rule['RemoteAddresses'] -ne 'LocalSubnet') {
            $problems.Add("rule $id admits '$($rule['RemoteAddresses'])', not the local subnet ('LocalSubnet')")
        }
        $owner = Get-Rows ("SELECT ``Component``, ``Directory_`` FROM ``Component`` WHERE ``Component`` = '" +
            $rule['Component_'] + "'") @('Component', 'Directory_')
        if ($owner.Count -eq 0) {
            $problems.Add("rule $id belongs to component '$($rule['Component_'])', which the MSI does not have")
        }
    }
}

# The launcher the rule names: a File row called zap-commissioner.exe (short|long name) in a component of INSTALLDIR.
$files = Get-Rows 'SELECT `File`, `FileName`, `Component_` FROM `File`' @('File', 'FileName', 'Component_')
$launchers = @($files | Where-Object { ($_['FileName'] -split '\|')[-1] -ieq $Launcher })
$inInstallDir = @($launchers | Where-Object {
        $component = Get-Rows ("SELECT ``Component``, ``Directory_`` FROM ``Component`` WHERE ``Component`` = '" +
            $_['Component_'] + "'") @('Component', 'Directory_')
        $component.Count -gt 0 -and $component[0]['Directory_'] -eq 'INSTALLDIR'
    })
if ($inInstallDir.Count -eq 0) {
    $problems.Add("the MSI installs no $Launcher in the root of INSTALLDIR, so '$Program' names nothing")
}

# Scheduled: the extension's immediate actions that add the rule on install and remove it on uninstall.
foreach ($action in @('WixSchedFirewallExceptionsInstall', 'WixSchedFirewallExceptionsUninstall')) {
    $scheduled = Get-Rows ("SELECT ``Action`` FROM ``InstallExecuteSequence`` WHERE ``Action`` = '" +
        $action + "' OR ``Action`` = '" + $action + "_x64'") @('Action')
    if ($scheduled.Count -eq 0) {
        $problems.Add("custom action $action is not in InstallExecuteSequence")
    }
}

[void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($database)
[void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($installer)

if ($problems.Count -gt 0) {
    foreach ($problem in $problems) { Write-Host "error: $(Split-Path -Leaf $path): $problem" }
    exit 1
}
Write-Host ("ok: $(Split-Path -Leaf $path) adds an inbound firewall rule for UDP 5353 (all profiles, local " +
    "subnet) to $Program")
exit 0
