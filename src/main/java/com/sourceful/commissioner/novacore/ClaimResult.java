package com.sourceful.commissioner.novacore;

/**
 * A successful {@code POST /gateways/claim}: {@code created} for a new claim (201), false when this organisation had
 * claimed the gateway already (200), which is just as done.
 */
public record ClaimResult(ClaimedGateway gateway, boolean created) {
}
