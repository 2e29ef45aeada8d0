package com.sourceful.commissioner.novacore;

/**
 * Why Novacore refused {@code POST /gateways/claim}, read from its status and error code (the claim contract; the
 * API documents only that a claim exists, so these codes are our choice, shared with the stand-in).
 */
public enum ClaimRefusal {
    /** 409: another organisation holds the gateway (Novacore never says which). */
    CLAIMED_BY_ANOTHER,
    /** 422 {@code stale_timestamp}: the signed timestamp is too old or too far ahead of Novacore's clock. */
    STALE_TIMESTAMP,
    /** 403 {@code invalid_signature}: the signature does not verify with the key sent. */
    INVALID_SIGNATURE,
    /** 403 {@code key_mismatch}: the key sent is not the one Novacore knows for this serial. */
    KEY_MISMATCH,
    /** 403 {@code forbidden}: the message's claimer is not the signed-in identity. */
    FORBIDDEN_CLAIMER,
    /** 422 {@code validation_failed} (or another 400/422): a field Novacore would not take. */
    VALIDATION,
    /** 404: Novacore does not know this serial. */
    NOT_FOUND,
    /** 401: the token is missing, expired or not accepted; sign in again. */
    NOT_SIGNED_IN,
    /** Anything else: unreachable, a server error, an unknown code. */
    OTHER;

    /** The refusal a failed claim call stands for. */
    public static ClaimRefusal of(NovacoreException e) {
        if (e.kind() != NovacoreException.Kind.REJECTED) {
            return OTHER;
        }
        String code = e.errorCode().orElse("");
        return switch (e.status()) {
            case 409 -> CLAIMED_BY_ANOTHER;
            case 422 -> code.equals("stale_timestamp") ? STALE_TIMESTAMP : VALIDATION;
            case 400 -> VALIDATION;
            case 403 -> switch (code) {
                case "invalid_signature" -> INVALID_SIGNATURE;
                case "key_mismatch" -> KEY_MISMATCH;
                case "forbidden" -> FORBIDDEN_CLAIMER;
                default -> OTHER;
            };
            case 404 -> NOT_FOUND;
            case 401 -> NOT_SIGNED_IN;
            default -> OTHER;
        };
    }
}
