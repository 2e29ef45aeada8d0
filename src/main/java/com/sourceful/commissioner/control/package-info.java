/**
 * The control check, without any UI: a small, bounded test that the Zap can steer a device's battery or PV
 * ({@link com.sourceful.commissioner.control.ControlPlan} checked against {@link
 * com.sourceful.commissioner.control.ControlLimits}), judged from the whole site's readings ({@link
 * com.sourceful.commissioner.control.ControlJudge}), run step by step with control always given back ({@link
 * com.sourceful.commissioner.control.ControlCheckRun}), and the control that may still be held after a crash ({@link
 * com.sourceful.commissioner.control.ControlHold}).
 */
package com.sourceful.commissioner.control;
