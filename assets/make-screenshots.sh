#!/usr/bin/env bash
# Re-renders the README's screenshots headless: runs the UI tests that take them, writing into assets/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=CommissioningFlowTest,FindStepUiTest,AddStepUiTest,VerifyStepUiTest,ControlCheckUiTest,ProvisionStepUiTest,SwedishUiTest,NotificationsUiTest,DeviceScanUiTest,DemoDeviceScanUiTest,ResumeOfferUiTest,SiteOverviewUiTest,ReturnVisitUiTest,ControlKillDrillUiTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dscreenshots.dir="$PWD/assets/screenshots"
ls -l assets/screenshots
