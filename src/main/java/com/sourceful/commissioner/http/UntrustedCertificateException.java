package com.sourceful.commissioner.http;

import java.security.cert.CertificateException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's certificate did not verify (unknown issuer, expired, or not for the host asked for), with the
 * certificate it presented. The TLS stack wraps it in an {@link javax.net.ssl.SSLHandshakeException}; find it with
 * {@link #in(Throwable)}.
 */
public final class UntrustedCertificateException extends CertificateException {

    private final transient PresentedCertificate presented;

    UntrustedCertificateException(PresentedCertificate presented, CertificateException why) {
        super("certificate of " + presented.subject() + " issued by " + presented.issuer() + " not trusted: "
                + why.getMessage(), why);
        this.presented = presented;
    }

    public PresentedCertificate presented() {
        return presented;
    }

    /** The untrusted certificate somewhere in {@code error}'s chain of causes, if that is why it failed. */
    public static Optional<UntrustedCertificateException> in(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof UntrustedCertificateException u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
