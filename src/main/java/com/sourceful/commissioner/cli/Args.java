package com.sourceful.commissioner.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.http.Addresses;

/** Small helpers shared by the commands' argument parsers. */
final class Args {

    private Args() {
    }

    /** Quiet library logging (slf4j-simple logs INFO to stderr) unless the user chose a level. */
    static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /** An argument as {@code --name=value} (inline is the value) or as given (inline is null). */
    record Option(String name, String inline) {
        static Option of(String arg) {
            int eq = arg.indexOf('=');
            return arg.startsWith("--") && eq > 0 ? new Option(arg.substring(0, eq), arg.substring(eq + 1))
                    : new Option(arg, null);
        }

        /** The option's value: inline, else the next argument ({@code args[next]}). */
        String value(String[] args, int next) throws UsageException {
            return inline != null ? inline : Args.value(args, next, name);
        }

        /** A flag such as {@code --json}, which takes no value. */
        void noValue() throws UsageException {
            if (inline != null) {
                throw new UsageException(name + " takes no value");
            }
        }
    }

    /** What a command without positional arguments says of an argument it does not know. */
    static UsageException unknown(String arg) {
        return new UsageException(arg.startsWith("-") ? "unknown option '" + arg + "'"
                : "unexpected argument '" + arg + "'");
    }

    /** A {@code --subnet} in CIDR notation. */
    static Subnet subnet(String cidr) throws UsageException {
        try {
            return Subnet.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--subnet: " + e.getMessage());
        }
    }

    /** The value of {@code args[i]} for {@code option}, or a usage error when it is missing. */
    static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** A {@code --timeout} in seconds, more than 0 and at most an hour, fractions allowed. */
    static Duration timeoutSeconds(String value) throws UsageException {
        try {
            double seconds = Double.parseDouble(value.strip());
            if (!(seconds > 0) || seconds > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout must be a number of seconds between 0 and 3600, not '" + value + "'");
        }
    }

    /** A port 1-65535 in ASCII digits (Integer.parseInt alone also takes "+80" and other scripts' digits). */
    static int port(String option, String value) throws UsageException {
        String v = value.strip();
        if (!Addresses.isPort(v)) {
            throw new UsageException(option + " must be a port number 1-65535, not '" + value + "'");
        }
        return Integer.parseInt(v);
    }

    /** A literal IPv4 address such as 192.168.1.23, without leading zeros; never looked up in DNS. */
    static Inet4Address ipv4(String option, String value) throws UsageException {
        String v = value.strip();
        if (Addresses.isDottedQuad(v)) {
            try {
                InetAddress a = InetAddress.getByName(v); // a dotted literal: no lookup
                if (a instanceof Inet4Address v4) {
                    return v4;
                }
            } catch (UnknownHostException e) {
                // fall through
            }
        }
        throw new UsageException(option + " must be an IPv4 address of this computer such as 192.168.1.23, not '"
                + value + "'");
    }
}
