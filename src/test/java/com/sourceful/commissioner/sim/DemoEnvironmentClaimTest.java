package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.DemoEnvironment;

import org.junit.jupiter.api.Test;

/** Demo mode's Novacore knows the demo Zap's real key, and nobody has claimed it: a new Zap, as on a first visit. */
class DemoEnvironmentClaimTest {

    @Test
    void theDemoZapIsRegisteredWithItsRealKeyAndNewUntilTheTechnicianClaimsIt() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(false)) {
            URI nova = demo.novacore().baseUri();
            String token = demo.config().demoToken().orElseThrow();
            ZapSimulator zap = demo.zap();

            Http.Reply before = Http.send(nova, "GET", "/gateways?org_id=" + NovacoreStandIn.DEMO_ORG, null, token);
            assertThat(before.json().getAsJsonArray("gateways")).as("new: nobody's yet").isEmpty();
            Http.Reply refused = Http.send(nova, "POST", "/devices/provision",
                    NovacoreStandInClaimTest.provisionBody(zap.serial(), "inv-demo"), token);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);

            // The registered key is the Zap's own: a claim signed by the Zap is a new claim, not key_mismatch.
            String identity = NovacoreStandInClaimTest.tokenClaims(token).get("identity_id").getAsString();
            JsonObject signed = NovacoreStandInClaimTest.signOn(zap, identity, System.currentTimeMillis() / 1000);
            Http.Reply claim = Http.send(nova, "POST", "/gateways/claim", NovacoreStandInClaimTest.claimBody(
                    zap.serial(), NovacoreStandIn.DEMO_ORG, zap.publicKeyHex(), signed).toString(), token);
            assertThat(claim.status()).as(claim.body()).isEqualTo(201);
            JsonArray gateways = Http.send(nova, "GET", "/gateways?org_id=" + NovacoreStandIn.DEMO_ORG, null, token)
                    .json().getAsJsonArray("gateways");
            assertThat(gateways).hasSize(1);
            assertThat(gateways.get(0).getAsJsonObject().get("serial").getAsString()).isEqualTo(zap.serial());

            Http.Reply provision = Http.send(nova, "POST", "/devices/provision",
                    NovacoreStandInClaimTest.provisionBody(zap.serial(), "inv-demo"), token);
            assertThat(provision.status()).as(provision.body()).isEqualTo(201);
        }
    }
}
