package com.sourceful.commissioner.visit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a visit file, sorted out of a {@link VisitFileException}'s message ({@code "<field path>:
 * <reason>"}) so that the app can say it in the technician's language and still name the field. A reason this class
 * does not know is {@link Kind#OTHER} with the message's own (English) reason as {@code detail}.
 *
 * @param path   the field's path ({@code "session.visits[2].device.sn"}); empty when the file as a whole is wrong
 * @param detail the version for {@link Kind#NEWER_VERSION}, the reason for {@link Kind#OTHER}; else empty
 */
public record VisitFileProblem(Kind kind, String path, String detail) {

    /** The kinds of problem, from the file as a whole to one field. */
    public enum Kind {
        /** Not JSON, not UTF-8, not a visit file of this app at all. */
        NOT_A_VISIT,
        /** A visit file of a newer app version. */
        NEWER_VERSION,
        /** Larger than {@link VisitFile#MAX_FILE_BYTES}. */
        TOO_LARGE,
        /** A field that must be there is not. */
        MISSING,
        /** A field of the wrong type (a text where a number belongs, …). */
        WRONG_TYPE,
        /** Too long, too many items, a number out of its range. */
        OUT_OF_BOUNDS,
        /** A value this app does not know (a group, an outcome, …). */
        UNKNOWN_VALUE,
        /** Not in its form: not a time, an address, an id, a PNG; a field twice, nested too deep. */
        MALFORMED,
        /** A reason not listed here; {@code detail} holds it. */
        OTHER
    }

    private static final Pattern NEWER = Pattern.compile("the file is of version (\\d+)");
    private static final List<String> WRONG_TYPE = List.of("not a text", "not an object", "not a list",
            "not a whole number", "not a number", "not true or false", "not a time", "not an address");
    private static final List<String> OUT_OF_BOUNDS = List.of("not between ", "longer than ", "more than ",
            "larger than ", "a number too long", "a number out of range");
    private static final List<String> MALFORMED = List.of("not a time (", "not an http or https address",
            "not printable", "not base64", "not a PNG image", "a field given twice", "nested more than ",
            "more after the end", "not a JSON value", "not a visit id", "the same device as an earlier one",
            "not one of the devices");

    public VisitFileProblem {
        path = path == null ? "" : path;
        detail = detail == null ? "" : detail;
    }

    /** The problem {@code e} names. */
    public static VisitFileProblem of(VisitFileException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("not JSON") || message.startsWith("not UTF-8") || message.startsWith("not a visit file")
                || message.equals("no file")) {
            return new VisitFileProblem(Kind.NOT_A_VISIT, "", "");
        }
        if (message.startsWith("larger than ")) {
            return new VisitFileProblem(Kind.TOO_LARGE, "", "");
        }
        int colon = message.indexOf(": ");
        if (colon < 0) {
            return new VisitFileProblem(Kind.OTHER, "", message);
        }
        String path = message.substring(0, colon);
        String reason = message.substring(colon + 2);
        if (path.equals("format") || (path.equals("the file") && reason.equals("not an object"))) {
            return new VisitFileProblem(Kind.NOT_A_VISIT, "", "");
        }
        if (path.equals("the file")) {
            path = "";
        }
        Matcher newer = NEWER.matcher(reason);
        if (path.equals("version") && newer.find()) {
            return new VisitFileProblem(Kind.NEWER_VERSION, path, newer.group(1));
        }
        if (reason.equals("missing")) {
            return new VisitFileProblem(Kind.MISSING, path, "");
        }
        if (reason.endsWith("this app knows")) {
            return new VisitFileProblem(Kind.UNKNOWN_VALUE, path, "");
        }
        // The longer, more telling forms first: "not a time (ISO-8601, UTC)" is a malformed time.
        if (MALFORMED.stream().anyMatch(reason::startsWith)) {
            return new VisitFileProblem(Kind.MALFORMED, path, "");
        }
        if (OUT_OF_BOUNDS.stream().anyMatch(reason::startsWith)) {
            return new VisitFileProblem(Kind.OUT_OF_BOUNDS, path, "");
        }
        if (WRONG_TYPE.stream().anyMatch(reason::equals) || reason.equals("not a text, number or true/false")) {
            return new VisitFileProblem(Kind.WRONG_TYPE, path, "");
        }
        return new VisitFileProblem(Kind.OTHER, path, reason);
    }
}
