package com.sourceful.commissioner.discovery;

import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.zap.ZapException;

/**
 * Everything discovery tried, to explain an empty list.
 *
 * @param mdnsInterfaces     addresses jmDNS runs on
 * @param multicastSent      at least one jmDNS instance started
 * @param zapLocalAnswered   empty while not tried yet
 * @param sweptSubnets       e.g. "192.168.1.0/24"
 * @param candidatesRejected answered, but not a Zap
 * @param unansweredMdns     Zap-looking mDNS records whose address did not answer (yet); asked again on re-checks
 * @param multicastNoRoute   an mDNS query could not be sent: "No route to host" (on macOS: Local Network privacy)
 */
public record DiscoveryReport(List<String> mdnsInterfaces, boolean multicastSent, Optional<Boolean> zapLocalAnswered,
                              List<String> sweptSubnets, int addressesProbed, int addressesToProbe,
                              boolean sweepRunning, int candidatesRejected, List<UnansweredMdns> unansweredMdns,
                              boolean multicastNoRoute) {

    /**
     * An mDNS record named like a Zap ({@code instanceName}) pointing at {@code host:port}, where no Zap answered:
     * {@code problem} is how the check failed (nothing accepted the connection, no answer in time, an error status,
     * a connection that broke), {@code status} the HTTP status for {@link ZapException.Kind#REJECTED}.
     */
    public record UnansweredMdns(String instanceName, String host, int port, ZapException.Kind problem, int status) {
        /** {@code host:port}. */
        public String address() {
            return host + ":" + port;
        }
    }

    public DiscoveryReport {
        unansweredMdns = List.copyOf(unansweredMdns);
    }

    /** A report whose mDNS queries were all sent. */
    public DiscoveryReport(List<String> mdnsInterfaces, boolean multicastSent, Optional<Boolean> zapLocalAnswered,
                           List<String> sweptSubnets, int addressesProbed, int addressesToProbe,
                           boolean sweepRunning, int candidatesRejected, List<UnansweredMdns> unansweredMdns) {
        this(mdnsInterfaces, multicastSent, zapLocalAnswered, sweptSubnets, addressesProbed, addressesToProbe,
                sweepRunning, candidatesRejected, unansweredMdns, false);
    }

    /** A report without unanswered mDNS records. */
    public DiscoveryReport(List<String> mdnsInterfaces, boolean multicastSent, Optional<Boolean> zapLocalAnswered,
                           List<String> sweptSubnets, int addressesProbed, int addressesToProbe,
                           boolean sweepRunning, int candidatesRejected) {
        this(mdnsInterfaces, multicastSent, zapLocalAnswered, sweptSubnets, addressesProbed, addressesToProbe,
                sweepRunning, candidatesRejected, List.of());
    }

    /**
     * Everything was tried: the {@code zap.local} lookup is over (mDNS has had its chance) and the sweep, where there
     * is one, has finished. An empty list can then be explained rather than waited on.
     */
    public boolean triedEverything() {
        boolean sweepDone = sweptSubnets.isEmpty()
                || (!sweepRunning && addressesProbed > 0 && addressesProbed >= addressesToProbe);
        return sweepDone && zapLocalAnswered.isPresent();
    }
}
