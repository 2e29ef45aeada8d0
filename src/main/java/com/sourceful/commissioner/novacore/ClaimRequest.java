package com.sourceful.commissioner.novacore;

import com.google.gson.JsonObject;

/**
 * {@code POST /gateways/claim}: the gateway, the organisation that claims it, and the Zap's proof in Novacore's form
 * ({@code publicKeyXy} = X‖Y, {@code signatureRaw} = R‖S, 128 hex each; see {@link ClaimSignature}) over
 * {@code message} = {@code claimer_identity_id|nonce|unix_ts|gateway_serial}.
 */
public record ClaimRequest(String gatewaySerial, String orgId, String publicKeyXy, String message,
                           String signatureRaw) {

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("gateway_serial", gatewaySerial);
        o.addProperty("org_id", orgId);
        o.addProperty("public_key", publicKeyXy);
        o.addProperty("message", message);
        o.addProperty("signature", signatureRaw);
        return o;
    }
}
