package com.sourceful.commissioner.discovery;

import java.util.List;
import java.util.Optional;

/**
 * Everything discovery tried, to explain an empty list.
 *
 * @param mdnsInterfaces     addresses jmDNS runs on
 * @param multicastSent      at least one jmDNS instance started
 * @param zapLocalAnswered   empty while not tried yet
 * @param sweptSubnets       e.g. "192.168.1.0/24"
 * @param candidatesRejected answered, but not a Zap
 */
public record DiscoveryReport(List<String> mdnsInterfaces, boolean multicastSent, Optional<Boolean> zapLocalAnswered,
                              List<String> sweptSubnets, int addressesProbed, int addressesToProbe,
                              boolean sweepRunning, int candidatesRejected) {
}
