# Installs an MSI of Zap Commissioner silently, checks with Windows itself the firewall rule it added (inbound, allow,
# enabled, every profile, UDP local port 5353, from the local subnet, for the installed launcher), uninstalls it and
# checks the rule is gone. Changes the machine and needs an elevated shell: for CI runners (GitHub's Windows runners
# are elevated) and test machines, not a technician's laptop.
#   powershell -ExecutionPolicy Bypass -File installer\windows\smoke-msi.ps1 target\installer\<the .msi>
# Exit status 0 when all holds; otherwise 1, with one line per problem (and the end of msiexec's log if it failed).
param([Parameter(Mandatory = $true)][string]$Msi)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The Name of the FirewallException in installer\windows\wix\firewall.wxs: Windows shows it as the DisplayName.
$RuleName = 'Zap Commissioner (mDNS, UDP 5353)'
$Launcher = 'zap-commissioner.exe'

if (-not (Test-Path -PathType Leaf $Msi)) { Write-Error "error: no such file: $Msi"; exit 1 }
$path = (Resolve-Path $Msi).Path
$logs = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) 'zap-commissioner-msi-smoke')

function Invoke-Msiexec([string]$Action, [string]$Log) {
    $arguments = @($Action, "`"$path`"", '/qn', '/norestart', '/l*v', "`"$Log`"")
    $process = Start-Process -FilePath 'msiexec.exe' -ArgumentList $arguments -Wait -PassThru
    if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) {   # 3010: done, restart wanted
        if (Test-Path $Log) { Get-Content -Tail 80 $Log | Write-Host }
        Write-Host "error: msiexec $Action exited with $($process.ExitCode) (log: $Log)"
        exit 1
    }
}

function Get-Rule {
    Get-NetFirewallRule -DisplayName $RuleName -ErrorAction SilentlyContinue
}

if (@(Get-Rule).Count -gt 0) {
    Write-Host "error: a firewall rule '$RuleName' exists before installing (an installed copy?): uninstall it first"
    exit 1
}

$problems = New-Object System.Collections.Generic.List[string]
Invoke-Msiexec '/i' (Join-Path $logs.FullName 'install.log')
try {
    $rules = @(Get-Rule)
    if ($rules.Count -ne 1) {
        $problems.Add("after installing there are $($rules.Count) firewall rules named '$RuleName', not 1")
    } else {
        $rule = $rules[0]
        if ("$($rule.Direction)" -ne 'Inbound') { $problems.Add("the rule's direction is $($rule.Direction)") }
        if ("$($rule.Action)" -ne 'Allow') { $problems.Add("the rule's action is $($rule.Action)") }
        if ("$($rule.Enabled)" -ne 'True') { $problems.Add('the rule is not enabled') }
        $profiles = "$($rule.Profile)"
        if ($profiles -ne 'Any' -and $profiles -ne 'Domain, Private, Public') {
            $problems.Add("the rule covers the profiles '$profiles', not all (Public is the one that matters)")
        }
        $ports = $rule | Get-NetFirewallPortFilter
        $localPorts = @($ports.LocalPort) -join ','
        if ("$($ports.Protocol)" -ne 'UDP' -or $localPorts -ne '5353') {
            $problems.Add("the rule is for $($ports.Protocol) local port(s) $localPorts, not UDP 5353")
        }
        $remote = @(($rule | Get-NetFirewallAddressFilter).RemoteAddress) -join ','
        if ($remote -ne 'LocalSubnet') { $problems.Add("the rule admits '$remote', not 'LocalSubnet'") }
        $program = ($rule | Get-NetFirewallApplicationFilter).Program
        if ((Split-Path -Leaf $program) -ne $Launcher -or -not (Test-Path -PathType Leaf $program)) {
            $problems.Add("the rule's program '$program' is not the installed $Launcher")
        } else {
            Write-Host "installed: rule '$RuleName' for $program"
        }
    }
} finally {
    Invoke-Msiexec '/x' (Join-Path $logs.FullName 'uninstall.log')
}
if (@(Get-Rule).Count -gt 0) { $problems.Add("the rule '$RuleName' is still there after uninstalling") }

if ($problems.Count -gt 0) {
    foreach ($problem in $problems) { Write-Host "error: $(Split-Path -Leaf $path): $problem" }
    exit 1
}
Write-Host "ok: $(Split-Path -Leaf $path) adds its firewall rule on install and removes it on uninstall"
exit 0
