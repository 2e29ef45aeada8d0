package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.Site;

import org.junit.jupiter.api.Test;

class ClaimOrganisationTest {

    private static AccessToken token(String payload) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return AccessToken.parse(b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln");
    }

    private static Site site(String id, String org) {
        return new Site(id, "", "", org);
    }

    @Test
    void theTokensOrganisationDecidesAndTheSitesAreChoicesBesideIt() throws Exception {
        ClaimOrganisation.Decision d = ClaimOrganisation.decide(Optional.of(token("{\"org_id\":\"org-a\"}")),
                List.of(site("s1", "org-b"), site("s2", "org-a")));
        assertThat(d.organisation()).contains("org-a");
        assertThat(d.source()).isEqualTo(ClaimOrganisation.Source.TOKEN);
        assertThat(d.choices()).containsExactly("org-a", "org-b");
    }

    @Test
    void withoutOneInTheTokenTheSitesOneOrganisationDecides() throws Exception {
        ClaimOrganisation.Decision d = ClaimOrganisation.decide(Optional.of(token("{\"identity_id\":\"idt-1\"}")),
                List.of(site("s1", "org-b"), site("s2", " org-b "), site("s3", "")));
        assertThat(d.organisation()).contains("org-b");
        assertThat(d.source()).isEqualTo(ClaimOrganisation.Source.SITES);
    }

    @Test
    void sitesOfSeveralOrganisationsOrNoneLeaveTheChoiceToTheTechnician() throws Exception {
        ClaimOrganisation.Decision several = ClaimOrganisation.decide(Optional.empty(),
                List.of(site("s1", "org-c"), site("s2", "org-b")));
        assertThat(several.organisation()).isEmpty();
        assertThat(several.source()).isEqualTo(ClaimOrganisation.Source.TECHNICIAN);
        assertThat(several.choices()).containsExactly("org-b", "org-c");

        ClaimOrganisation.Decision none = ClaimOrganisation.decide(Optional.of(token("{}")), List.of(site("s", "")));
        assertThat(none.organisation()).isEmpty();
        assertThat(none.choices()).isEmpty();
    }
}
