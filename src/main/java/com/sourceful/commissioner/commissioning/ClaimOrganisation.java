package com.sourceful.commissioner.commissioning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.Site;

/**
 * Which organisation claims a Zap: the one the token names, else the one the sites it may see belong to; where
 * neither says (no {@code org_id} anywhere, or sites of several organisations) the technician chooses. The documents
 * name no organisations API, so these are the only sources.
 */
public final class ClaimOrganisation {

    /** Where the organisation came from. */
    public enum Source { TOKEN, SITES, TECHNICIAN }

    /**
     * @param organisation the organisation decided, empty when the technician must choose
     * @param choices      the organisations the sites name (the technician chooses among them, or types one)
     */
    public record Decision(Optional<String> organisation, Source source, List<String> choices) {
        public Decision {
            choices = List.copyOf(choices);
        }
    }

    private ClaimOrganisation() {
    }

    public static Decision decide(Optional<AccessToken> token, List<Site> sites) {
        List<String> named = sites.stream().map(Site::orgId).filter(Objects::nonNull).map(String::strip)
                .filter(o -> !o.isEmpty()).distinct().sorted().toList();
        Optional<String> fromToken = token.flatMap(AccessToken::orgId);
        if (fromToken.isPresent()) {
            return new Decision(fromToken, Source.TOKEN,
                    Stream.concat(Stream.of(fromToken.get()), named.stream()).distinct().toList());
        }
        if (named.size() == 1) {
            return new Decision(Optional.of(named.get(0)), Source.SITES, named);
        }
        return new Decision(Optional.empty(), Source.TECHNICIAN, named);
    }
}
