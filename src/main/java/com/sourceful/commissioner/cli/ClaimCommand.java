package com.sourceful.commissioner.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.ZapClaim;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * {@code zap-commissioner claim HOST[:PORT] --novacore URL --org ORG [--token-file FILE]}: claims the Zap at the
 * address for the organisation. The token comes from a file or stdin, never from an argument (a process list and a
 * shell history would show it), and is never printed.
 */
public final class ClaimCommand {

    /** Claimed, now or before, by this organisation. */
    static final int CLAIMED = 0;
    /** The Zap or Novacore could not be asked, or the Zap's answer failed the app's checks. */
    static final int FAILED = 1;
    /** A bad argument or an unreadable token: nothing was asked. */
    static final int USAGE_ERROR = 2;
    /** Novacore refused the claim (another organisation holds the Zap, a stale time, a key it does not know…). */
    static final int REFUSED = 3;

    /** Bytes of a token read from stdin or a file; Novacore's JWTs are well under 8 KB. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner claim HOST[:PORT] --novacore URL --org ORG [--token-file FILE]",
            "",
            "Has the Zap sign the signed-in identity, checks its answer and signature, and claims it in Novacore",
            "for the organisation (POST /gateways/claim).",
            "  HOST[:PORT]        the Zap's address, e.g. 192.168.1.20 or 192.168.1.20:8080 (port 80 if not given)",
            "  --novacore URL     Novacore's base URL (https, or http on loopback)",
            "  --org ORG          the organisation that claims the Zap, e.g. org-5a1e",
            "  --token-file FILE  read the Novacore token from FILE; without it the token is read from stdin",
            "                     (typed without echo on a terminal). Never give the token as an argument.",
            "  --help             show this help",
            "",
            "Exit status: 0 when the Zap is claimed by ORG (now or before), 1 when the Zap or Novacore could not be",
            "asked or the Zap's answer failed the checks, 2 on a bad argument or an unreadable token, 3 when",
            "Novacore refused the claim (e.g. another organisation holds the Zap).");

    private ClaimCommand() {
    }

    record Options(boolean help, String target, String novacore, String org, Optional<Path> tokenFile) {
    }

    /** Entry point from {@code Main}. */
    public static int run(String[] args) {
        Args.quietLogging();
        return run(args, System.in, System.console(), System.out, System.err, Clock.systemUTC());
    }

    /**
     * Testable core; returns the exit status. {@code console}, when there is one and no token file was given, asks
     * for the token without echo; otherwise the token is all of {@code in}.
     */
    static int run(String[] args, InputStream in, Console console, PrintStream out, PrintStream err, Clock clock) {
        Options o;
        URI zapBase;
        URI novacoreBase;
        try {
            o = parse(args);
            if (o.help()) {
                out.println(USAGE);
                return 0;
            }
            zapBase = CheckCommand.zapAddress(o.target());
            try {
                novacoreBase = NovacoreEnvironment.checkBaseUri(o.novacore());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--novacore: " + e.getMessage());
            }
        } catch (UsageException e) {
            err.println("claim: " + e.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }

        AccessToken token;
        String identity;
        try {
            token = AccessToken.parse(readToken(o.tokenFile(), in, console));
            identity = token.identityId().filter(id -> !id.isBlank()).orElseThrow(
                    () -> new AccessToken.InvalidTokenException("the token names no identity (identity_id or sub)"));
            if (token.isExpired(clock.instant())) {
                throw new AccessToken.InvalidTokenException("the token expired at "
                        + token.expiresAt().orElseThrow() + "; get a new one");
            }
        } catch (IOException e) {
            // The exception's name and the path only: never what the file holds.
            err.println("claim: cannot read the token" + o.tokenFile().map(f -> " file " + f).orElse(" from stdin")
                    + " (" + (e instanceof TokenTooLargeException ? "larger than 64 KB" : e.getClass().getSimpleName())
                    + ")");
            return USAGE_ERROR;
        } catch (AccessToken.InvalidTokenException e) {
            err.println("claim: the token is not usable: " + e.getMessage());
            return USAGE_ERROR;
        }

        ZapClaim.Result result;
        try (ZapClient zap = new ZapClient(zapBase);
             NovacoreClient novacore = new NovacoreClient(novacoreBase, clock)) {
            result = new ZapClaim(zap, novacore, token, identity, o.org(), clock).claim();
        }
        switch (result.outcome().group()) {
            case DONE -> {
                out.println((result.outcome() == ZapClaim.Outcome.CLAIMED ? "claimed: " : "already claimed: ")
                        + result.explanation());
                out.flush();
                return CLAIMED;
            }
            case REFUSED -> {
                err.println("refused: " + result.explanation());
                err.flush();
                return REFUSED;
            }
            default -> {
                err.println("failed: " + result.explanation());
                err.flush();
                return FAILED;
            }
        }
    }

    static Options parse(String[] args) throws UsageException {
        String target = null;
        String novacore = null;
        String org = null;
        Path tokenFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return new Options(true, null, null, null, Optional.empty());
                }
                case "--novacore" -> novacore = Args.value(args, ++i, a);
                case "--org" -> org = Args.value(args, ++i, a).strip();
                case "--token-file" -> tokenFile = Path.of(Args.value(args, ++i, a));
                default -> {
                    if (a.equals("--token") || a.startsWith("--token=")) {
                        // Not even echoed back: the value would be in this message.
                        throw new UsageException("a token is never given as an argument (a process list and the"
                                + " shell's history would show it); use --token-file FILE or stdin");
                    }
                    if (looksLikeToken(a)) {
                        throw new UsageException("that argument is a token; a token is never given as an argument"
                                + " (a process list and the shell's history would show it); use --token-file FILE or"
                                + " stdin");
                    }
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    if (target != null) {
                        throw new UsageException("one address only; unexpected '" + a + "'");
                    }
                    target = a;
                }
            }
        }
        if (target == null) {
            throw new UsageException("which Zap? e.g. claim 192.168.1.20 --novacore URL --org ORG");
        }
        if (novacore == null) {
            throw new UsageException("--novacore URL is needed");
        }
        if (org == null || org.isEmpty()) {
            throw new UsageException("--org ORG is needed: the organisation that claims the Zap");
        }
        return new Options(false, target, novacore, org, Optional.ofNullable(tokenFile));
    }

    /** A JWT pasted where an address goes: refused without echoing it. */
    private static boolean looksLikeToken(String arg) {
        try {
            AccessToken.parse(arg);
            return true;
        } catch (AccessToken.InvalidTokenException e) {
            return false;
        }
    }

    private static final class TokenTooLargeException extends IOException {
    }

    private static String readToken(Optional<Path> file, InputStream in, Console console) throws IOException {
        if (file.isPresent()) {
            if (Files.size(file.get()) > MAX_TOKEN_BYTES) {
                throw new TokenTooLargeException();
            }
            return Files.readString(file.get(), StandardCharsets.UTF_8);
        }
        if (console != null) {
            char[] typed = console.readPassword("Novacore token (not shown): ");
            if (typed == null) {
                return "";
            }
            String token = new String(typed);
            Arrays.fill(typed, ' ');
            return token;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > MAX_TOKEN_BYTES) {
                throw new TokenTooLargeException();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
