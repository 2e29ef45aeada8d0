package com.sourceful.commissioner.http;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Who a server's certificate said it was ({@code subject}) and who vouched for it ({@code issuer}), as distinguished
 * names; kept when the certificate did not verify, so the technician and support can tell a captive portal or an
 * intercepting proxy from Novacore.
 */
public record PresentedCertificate(String subject, String issuer) {

    public PresentedCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
    }

    static PresentedCertificate of(X509Certificate certificate) {
        return new PresentedCertificate(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName());
    }
}
