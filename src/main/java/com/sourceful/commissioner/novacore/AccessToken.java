package com.sourceful.commissioner.novacore;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.Json;

/**
 * A Novacore JWT held in memory. The app cannot check its signature (the key is the server's), but it reads the
 * payload to show who is signed in and refuses an expired or malformed token before sending it.
 * {@link #toString()} never shows the token.
 */
public final class AccessToken {

    /** Why a pasted token is refused; the message never contains the token. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    private final String jwt;
    private final Optional<String> identityId;
    private final Optional<String> identityType;
    private final Optional<Instant> expiresAt;
    private final Optional<String> person;
    private final Optional<String> orgId;

    private AccessToken(String jwt, Optional<String> identityId, Optional<String> identityType,
                        Optional<Instant> expiresAt, Optional<String> person, Optional<String> orgId) {
        this.jwt = jwt;
        this.identityId = identityId;
        this.identityType = identityType;
        this.expiresAt = expiresAt;
        this.person = person;
        this.orgId = orgId;
    }

    public static AccessToken parse(String text) throws InvalidTokenException {
        String jwt = text == null ? "" : text.strip();
        if (jwt.regionMatches(true, 0, "Bearer ", 0, 7)) {
            jwt = jwt.substring(7).strip();
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidTokenException("not a JWT (expected three dot-separated parts)");
        }
        JsonObject payload;
        try {
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            payload = Json.parseObject(json);
        } catch (IllegalArgumentException | Json.JsonShapeException e) {
            throw new InvalidTokenException("the token's payload is not readable JSON");
        }
        Optional<String> identity = Json.optString(payload, "identity_id").or(() -> Json.optString(payload, "sub"));
        Optional<String> type = Json.optString(payload, "identity_type").or(() -> Json.optString(payload, "type"));
        var exp = Json.optNumber(payload, "exp");
        Optional<Instant> expires = Optional.empty();
        if (exp.isPresent()) {
            try {
                expires = Optional.of(Instant.ofEpochSecond((long) exp.getAsDouble()));
            } catch (DateTimeException e) {
                // e.g. 1e300: no instant that far away exists; such a token is not one Novacore issued.
                throw new InvalidTokenException("the token's expiry (exp) is not a valid time");
            }
        }
        return new AccessToken(jwt, identity, type, expires, person(payload), text(payload, "org_id"));
    }

    /**
     * The person as the token names them, when it does (OpenID-style claims; Novacore's own tokens carry only the
     * identity): "Name (e-mail)", the name, the e-mail or the user name, in that order.
     */
    private static Optional<String> person(JsonObject payload) {
        Optional<String> name = text(payload, "name");
        Optional<String> email = text(payload, "email");
        if (name.isPresent() && email.isPresent() && !name.get().equals(email.get())) {
            return Optional.of(name.get() + " (" + email.get() + ")");
        }
        return name.or(() -> email).or(() -> text(payload, "preferred_username"));
    }

    private static Optional<String> text(JsonObject payload, String claim) {
        return Json.optString(payload, claim).map(String::strip).filter(s -> !s.isEmpty());
    }

    public Optional<String> identityId() {
        return identityId;
    }

    /** Who the token names, for the report; else {@link #identityId()} is all the app knows. */
    public Optional<String> person() {
        return person;
    }

    /**
     * The organisation the token names ({@code org_id}), when it names one: the documents do not say that Novacore's
     * tokens carry it, so the app also takes it from the chosen site, or asks.
     */
    public Optional<String> orgId() {
        return orgId;
    }

    public Optional<String> identityType() {
        return identityType;
    }

    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }

    public boolean expiresWithin(Instant now, Duration window) {
        return expiresAt.map(e -> e.isBefore(now.plus(window))).orElse(false);
    }

    /** The header value; only the Novacore client calls this. */
    String authorizationHeader() {
        return "Bearer " + jwt;
    }

    @Override
    public String toString() {
        return "AccessToken[identity=" + identityId.orElse("?") + ", expires=" + expiresAt.map(Instant::toString).orElse("?") + "]";
    }
}
