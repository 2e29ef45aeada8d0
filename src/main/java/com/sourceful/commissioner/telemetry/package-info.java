/**
 * Live data of commissioned DERs, without any UI: the live poll's pace, back-off and staleness ({@link
 * com.sourceful.commissioner.telemetry.LivePolling}), a compact time-series store for charts ({@link
 * com.sourceful.commissioner.telemetry.SeriesStore}) and the span a chart shows of it ({@link
 * com.sourceful.commissioner.telemetry.ChartWindow}), sign and plausibility checks on a telemetry snapshot ({@link
 * com.sourceful.commissioner.telemetry.Plausibility}) and the guided meter load test ({@link
 * com.sourceful.commissioner.telemetry.LoadTest}, run step by step by {@link
 * com.sourceful.commissioner.telemetry.LoadTestRun}). The readings' own timestamps are the only clock.
 */
package com.sourceful.commissioner.telemetry;
