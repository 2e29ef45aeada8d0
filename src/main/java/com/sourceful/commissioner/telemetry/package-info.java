/**
 * Live data of commissioned DERs, without any UI: a compact time-series store for charts ({@link
 * com.sourceful.commissioner.telemetry.SeriesStore}), sign and plausibility checks on a telemetry snapshot ({@link
 * com.sourceful.commissioner.telemetry.Plausibility}) and the guided meter load test ({@link
 * com.sourceful.commissioner.telemetry.LoadTest}). The readings' own timestamps are the only clock.
 */
package com.sourceful.commissioner.telemetry;
