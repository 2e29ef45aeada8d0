package com.sourceful.commissioner.commissioning;

import java.time.Clock;
import java.util.Optional;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.ClaimRefusal;
import com.sourceful.commissioner.novacore.ClaimRequest;
import com.sourceful.commissioner.novacore.ClaimResult;
import com.sourceful.commissioner.novacore.ClaimSignature;
import com.sourceful.commissioner.novacore.ClaimedGateway;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapIdentity;
import com.sourceful.commissioner.zap.ZapSignature;

/**
 * Claims a Zap for an organisation: the Zap signs the signed-in identity with the app's timestamp, the app checks
 * what the Zap signed and the signature itself, and only then posts {@code /gateways/claim}. Blocking; call it off
 * the UI thread. The token is passed to Novacore only, never put in a result or explanation.
 */
public final class ZapClaim {

    /** How a claim ended. */
    public enum Outcome {
        /** Novacore claimed the Zap for the organisation now (201). */
        CLAIMED(Group.DONE),
        /** The organisation had claimed it already (200): as done as a new claim. */
        ALREADY_OURS(Group.DONE),
        /** Another organisation holds it (409). */
        CLAIMED_BY_ANOTHER(Group.REFUSED),
        /** The timestamp was refused as stale twice: once as signed, once signed again with a fresh one. */
        STALE_TIMESTAMP(Group.REFUSED),
        INVALID_SIGNATURE(Group.REFUSED),
        KEY_MISMATCH(Group.REFUSED),
        FORBIDDEN_CLAIMER(Group.REFUSED),
        VALIDATION(Group.REFUSED),
        NOT_FOUND(Group.REFUSED),
        NOT_SIGNED_IN(Group.REFUSED),
        /** Novacore unreachable, slow, intercepted, or an answer no contract case covers. */
        NOVACORE_FAILED(Group.FAILED),
        /** The Zap did not answer, refused to sign, or answered in a shape the app cannot read. */
        ZAP_FAILED(Group.FAILED),
        /** The Zap gives no public key, or one that is not a P-256 point. */
        ZAP_NO_KEY(Group.FAILED),
        /** The Zap signed something else than asked: another claimer, timestamp or serial. Nothing was sent. */
        ZAP_WRONG_MESSAGE(Group.FAILED),
        /** The Zap's signature is malformed or does not verify with its key. Nothing was sent. */
        ZAP_BAD_SIGNATURE(Group.FAILED);

        private final Group group;

        Outcome(Group group) {
            this.group = group;
        }

        public Group group() {
            return group;
        }
    }

    /** Done (claimed, by now or before), refused by Novacore, or failed on the way (Zap, network, a bad answer). */
    public enum Group { DONE, REFUSED, FAILED }

    /**
     * The result of {@link #claim()}: the outcome, the Zap's serial when it was read, the claimed gateway when done,
     * and an English sentence saying what happened and what to do (the command line prints it; the wizard maps the
     * outcome to its own texts).
     */
    public record Result(Outcome outcome, Optional<String> serial, Optional<ClaimedGateway> gateway,
                         String explanation) {
        public boolean done() {
            return outcome.group() == Group.DONE;
        }
    }

    /**
     * Where the Zap stands for this organisation. {@code GET /gateways} lists only the organisation's own gateways, so
     * a Zap not listed is either unclaimed or claimed by another organisation: the API cannot tell which until a
     * claim is tried (409 then says "another").
     */
    public enum Standing { CLAIMED_BY_THIS_ORG, NOT_IN_THIS_ORG }

    public record Status(Standing standing, Optional<ClaimedGateway> gateway) {
    }

    private final ZapClient zap;
    private final NovacoreClient novacore;
    private final AccessToken token;
    private final String identityId;
    private final String orgId;
    private final Clock clock;

    /**
     * @param identityId the signed-in identity ({@code idt-…}), the claimer the Zap signs
     * @param clock      the app's clock: the signed timestamp is its unix seconds
     */
    public ZapClaim(ZapClient zap, NovacoreClient novacore, AccessToken token, String identityId, String orgId,
                    Clock clock) {
        this.zap = zap;
        this.novacore = novacore;
        this.token = token;
        this.identityId = identityId;
        this.orgId = orgId;
        this.clock = clock;
    }

    /** Whether the organisation's gateways list {@code serial}; see {@link Standing} for what "not" means. */
    public Status status(String serial) throws NovacoreException {
        for (ClaimedGateway g : novacore.gateways(orgId, token)) {
            if (g.serial().equals(serial)) {
                return new Status(Standing.CLAIMED_BY_THIS_ORG, Optional.of(g));
            }
        }
        return new Status(Standing.NOT_IN_THIS_ORG, Optional.empty());
    }

    /** Claims the Zap; never throws for an answer, every one is a {@link Result}. */
    public Result claim() {
        String serial;
        String keyXy;
        try {
            ZapIdentity identity = zap.identity();
            serial = identity.serialNumber();
            // The contract's source is /api/system; /api/crypto reports the same key, so it stands in when absent.
            Optional<String> key = zap.publicKey()
                    .or(() -> Optional.of(identity.publicKey().strip()).filter(k -> !k.isEmpty()));
            if (key.isEmpty()) {
                return result(Outcome.ZAP_NO_KEY, serial, "Zap " + serial + " reports no public key, so it cannot "
                        + "prove it is the Zap Novacore knows. A firmware update may be needed.");
            }
            try {
                keyXy = ClaimSignature.pointToXy(key.get());
                ClaimSignature.publicKey(keyXy);
            } catch (IllegalArgumentException e) {
                return result(Outcome.ZAP_NO_KEY, serial, "Zap " + serial + " reports a public key that is not "
                        + "usable: " + e.getMessage() + ".");
            }
        } catch (ZapException e) {
            return zapFailed(Optional.empty(), e);
        }

        for (int attempt = 1; ; attempt++) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            ZapSignature signed;
            try {
                signed = zap.sign(identityId, timestamp);
            } catch (ZapException e) {
                return zapFailed(Optional.of(serial), e);
            }
            Optional<String> wrong = wrongMessage(signed.message(), timestamp, serial);
            if (wrong.isPresent()) {
                return result(Outcome.ZAP_WRONG_MESSAGE, serial, "Zap " + serial + " signed something else than "
                        + "asked (" + wrong.get() + "), so nothing was sent to Novacore. Check that the address is "
                        + "this Zap's and try again.");
            }
            String signatureRaw;
            try {
                signatureRaw = ClaimSignature.derToRaw(signed.derHex());
            } catch (IllegalArgumentException e) {
                return result(Outcome.ZAP_BAD_SIGNATURE, serial, "Zap " + serial + " gave a malformed signature ("
                        + e.getMessage() + "), so nothing was sent to Novacore.");
            }
            // Checked here, in the very form sent: a Zap answering for another's serial, or a conversion mistake,
            // stops before Novacore sees a claim.
            if (!ClaimSignature.verifies(keyXy, signed.message(), signatureRaw)) {
                return result(Outcome.ZAP_BAD_SIGNATURE, serial, "Zap " + serial + "'s signature does not verify "
                        + "with its own public key, so nothing was sent to Novacore. The answer may not come from "
                        + "this Zap; check the address and try again.");
            }
            try {
                ClaimResult claimed = novacore.claim(new ClaimRequest(serial, orgId, keyXy, signed.message(),
                        signatureRaw), token);
                return claimed.created()
                        ? new Result(Outcome.CLAIMED, Optional.of(serial), Optional.of(claimed.gateway()),
                                "Zap " + serial + " is now claimed by " + orgId + ".")
                        : new Result(Outcome.ALREADY_OURS, Optional.of(serial), Optional.of(claimed.gateway()),
                                "Zap " + serial + " was already claimed by " + orgId + "; nothing to do.");
            } catch (NovacoreException e) {
                ClaimRefusal refusal = ClaimRefusal.of(e);
                if (refusal == ClaimRefusal.STALE_TIMESTAMP && attempt == 1) {
                    continue; // the contract: sign again once with a fresh timestamp
                }
                return refused(serial, refusal, e);
            }
        }
    }

    /** What is wrong with the message the Zap signed, if anything: {@code identity|nonce|timestamp|serial}. */
    private Optional<String> wrongMessage(String message, String timestamp, String serial) {
        if (!message.startsWith(identityId + "|")) {
            return Optional.of("it does not start with the signed-in identity " + identityId);
        }
        String[] rest = message.substring(identityId.length() + 1).split("\\|", -1);
        if (rest.length != 3 || rest[0].isEmpty()) {
            return Optional.of("not claimer|nonce|timestamp|serial");
        }
        if (!rest[1].equals(timestamp)) {
            return Optional.of("timestamp " + rest[1] + " where " + timestamp + " was sent");
        }
        if (!rest[2].equals(serial)) {
            return Optional.of("serial " + rest[2] + " where the Zap reports " + serial);
        }
        return Optional.empty();
    }

    private Result refused(String serial, ClaimRefusal refusal, NovacoreException e) {
        String said = e.serverMessage().map(m -> " (Novacore: " + m + ")").orElse("");
        return switch (refusal) {
            case CLAIMED_BY_ANOTHER -> result(Outcome.CLAIMED_BY_ANOTHER, serial, "Zap " + serial
                    + " is claimed by another organisation, so " + orgId + " cannot claim it. The organisation that"
                    + " holds it would need to release it first; if you do not know who that is, contact Sourceful"
                    + " support with the serial.");
            case STALE_TIMESTAMP -> result(Outcome.STALE_TIMESTAMP, serial, "Novacore refused the signed time twice"
                    + " as too old or too far ahead" + said + ". Check that this computer's clock and time zone are"
                    + " right, then try again.");
            case INVALID_SIGNATURE -> result(Outcome.INVALID_SIGNATURE, serial, "Novacore says the Zap's signature"
                    + " does not verify" + said + ", although it verified here. Try again; if it repeats, contact"
                    + " Sourceful support with the serial.");
            case KEY_MISMATCH -> result(Outcome.KEY_MISMATCH, serial, "Novacore knows another key for " + serial
                    + " than this Zap reports" + said + ". The Zap may not be the one registered under this serial;"
                    + " contact Sourceful support with the serial.");
            case FORBIDDEN_CLAIMER -> result(Outcome.FORBIDDEN_CLAIMER, serial, "Novacore says the claimer the Zap"
                    + " signed (" + identityId + ") is not the signed-in identity" + said + ". Sign in again and"
                    + " retry.");
            case VALIDATION -> result(Outcome.VALIDATION, serial, "Novacore refused the claim's "
                    + e.field().map(f -> "field '" + f + "'").orElse("content") + said + ".");
            case NOT_FOUND -> result(Outcome.NOT_FOUND, serial, "Novacore does not know a gateway " + serial + said
                    + ". A Zap must be registered with Sourceful before it can be claimed; contact Sourceful support"
                    + " with the serial.");
            case NOT_SIGNED_IN -> result(Outcome.NOT_SIGNED_IN, serial, "Novacore did not accept the sign-in"
                    + said + "; sign in again (get a new token) and retry.");
            case OTHER -> result(Outcome.NOVACORE_FAILED, serial, "The claim did not reach a decision: "
                    + e.getMessage() + (e.isTransient() ? ". Try again in a while." : "."));
        };
    }

    private static Result zapFailed(Optional<String> serial, ZapException e) {
        return new Result(Outcome.ZAP_FAILED, serial, Optional.empty(), "The Zap could not be asked: "
                + e.getMessage() + ".");
    }

    private static Result result(Outcome outcome, String serial, String explanation) {
        return new Result(outcome, Optional.of(serial), Optional.empty(), explanation);
    }
}
