package com.sourceful.commissioner.novacore;

import java.util.Optional;

/** A gateway an organisation has claimed ({@code GET /gateways}, {@code POST /gateways/claim}). */
public record ClaimedGateway(String serial, String orgId, Optional<String> siteId, String state,
                             Optional<String> claimedAt) {
}
