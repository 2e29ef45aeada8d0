package com.sourceful.commissioner.testsupport;

import java.util.List;
import java.util.random.RandomGenerator;

import com.sourceful.commissioner.testsupport.Props.Gen;

/** Generators for {@link Props}: numbers, choices, and text that looks almost right (the inputs that find bugs). */
public final class Gens {

    private Gens() {
    }

    /** Digits of other scripts that {@code Character.isDigit} and {@code Integer.parseInt} accept. */
    public static final List<String> FOREIGN_DIGITS = List.of(
            "\u0661", "\u0662", "\u0665", "\u0660",  // Arabic-Indic ١ ٢ ٥ ٠
            "\u06F1", "\u06F5",                      // Extended Arabic-Indic
            "\u0967", "\u0966",                      // Devanagari १ ०
            "\uFF11", "\uFF10", "\uFF15", "\uFF19",  // fullwidth １ ０ ５ ９
            "\u09E7", "\u0E51");                    // Bengali, Thai

    /** Characters that make text wrong in ways people and firmware produce. */
    public static final List<String> ODD = List.of(" ", "\t", "\n", "\r", "\u00A0", "\u2007", "\u202F", "\u3000",
            "\u200B", "\uFEFF", "\u202E", "\u0000", "\u007F", "+", "-", ".", "..", ":", "/", "[", "]", "%", "@", "#",
            "?", "_", "~", "*", "\\", "'", "\"", ",", ";", "e", "E", "x", "0x", "ü", "é", "ß", "İ", "ı", "K",
            "\uD83D\uDE42", "\uD800", "\uDC00", "０", "١", "\uFF0E", "\u3002", "\uFF1A");

    public static Gen<Integer> ints(int min, int max) {
        return (r, size) -> r.nextInt(min, max + 1);
    }

    public static Gen<Long> longs(long min, long max) {
        return (r, size) -> r.nextLong(min, max == Long.MAX_VALUE ? max : max + 1);
    }

    public static Gen<Boolean> booleans() {
        return (r, size) -> r.nextBoolean();
    }

    @SafeVarargs
    public static <T> Gen<T> constant(T... values) {
        return (r, size) -> values[r.nextInt(values.length)];
    }

    public static <T> Gen<T> element(List<T> values) {
        return (r, size) -> values.get(r.nextInt(values.size()));
    }

    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return (r, size) -> gens[r.nextInt(gens.length)].next(r, size);
    }

    /** {@code weights[i]} to {@code gens[i]}. */
    public static <T> Gen<T> frequency(int[] weights, List<Gen<? extends T>> gens) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int sum = total;
        return (r, size) -> {
            int pick = r.nextInt(sum);
            for (int i = 0; i < weights.length; i++) {
                pick -= weights[i];
                if (pick < 0) {
                    return gens.get(i).next(r, size);
                }
            }
            return gens.get(gens.size() - 1).next(r, size);
        };
    }

    /** Text of {@code alphabet}'s characters (code points), length up to {@code maxLength} scaled by size. */
    public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        int[] cps = alphabet.codePoints().toArray();
        return (r, size) -> {
            int max = Math.max(minLength, minLength + (maxLength - minLength) * Math.max(size, 5) / 100);
            int n = r.nextInt(minLength, max + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
            return b.toString();
        };
    }

    /** Any UTF-16 text, lone surrogates and control characters included. */
    public static Gen<String> anyText(int maxLength) {
        return (r, size) -> {
            int n = r.nextInt(0, Math.max(1, maxLength * Math.max(size, 5) / 100) + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                if (kind < 5) {
                    b.append((char) r.nextInt(0x20, 0x7f));
                } else if (kind < 7) {
                    b.append(ODD.get(r.nextInt(ODD.size())));
                } else if (kind < 8) {
                    b.append((char) r.nextInt(0, 0x20));
                } else if (kind < 9) {
                    b.append(FOREIGN_DIGITS.get(r.nextInt(FOREIGN_DIGITS.size())));
                } else {
                    b.append((char) r.nextInt(0x80, 0x10000));
                }
            }
            return b.toString();
        };
    }

    /**
     * A near miss of one of the given valid texts: a character inserted, deleted, replaced or doubled, a digit
     * swapped for a foreign or fullwidth one, a sign or spaces added, a part doubled or cut.
     */
    public static Gen<String> nearMiss(Gen<String> valid) {
        return (r, size) -> {
            String s = valid.next(r, size);
            int edits = 1 + r.nextInt(1 + size / 34);
            for (int e = 0; e < edits; e++) {
                s = edit(s, r);
            }
            return s;
        };
    }

    static String edit(String s, RandomGenerator r) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        String odd = ODD.get(r.nextInt(ODD.size()));
        switch (r.nextInt(12)) {
            case 0:
                return s.substring(0, at) + odd + s.substring(at);
            case 1:
                return s.isEmpty() ? odd : s.substring(0, Math.min(at, s.length() - 1)) + s.substring(Math.min(at, s.length() - 1) + 1);
            case 2: {
                // a digit of another script in place of an ASCII one
                int d = firstDigitFrom(s, at);
                return d < 0 ? s + FOREIGN_DIGITS.get(r.nextInt(FOREIGN_DIGITS.size()))
                        : s.substring(0, d) + FOREIGN_DIGITS.get(r.nextInt(FOREIGN_DIGITS.size())) + s.substring(d + 1);
            }
            case 3:
                return (r.nextBoolean() ? "+" : "-") + s;
            case 4:
                return (r.nextBoolean() ? " " : "") + s + (r.nextBoolean() ? " " : "\t");
            case 5:
                return "0" + s;
            case 6:
                return s + s.substring(at);
            case 7:
                return s.substring(0, at);
            case 8:
                return s + (r.nextBoolean() ? "." : ":");
            case 9:
                return s + r.nextInt(10);
            case 10: {
                int d = firstDigitFrom(s, at);
                return d < 0 ? s : s.substring(0, d) + (char) ('0' + r.nextInt(10)) + s.substring(d + 1);
            }
            default:
                return s.isEmpty() ? s : s.substring(0, Math.min(at, s.length() - 1)) + odd + s.substring(Math.min(at, s.length() - 1) + 1);
        }
    }

    private static int firstDigitFrom(String s, int from) {
        for (int i = 0; i < s.length(); i++) {
            int j = (from + i) % s.length();
            if (s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                return j;
            }
        }
        return -1;
    }
}
