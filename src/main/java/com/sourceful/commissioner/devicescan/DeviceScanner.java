package com.sourceful.commissioner.devicescan;

import java.time.Duration;
import java.util.List;

import com.sourceful.commissioner.discovery.Subnet;

/**
 * Scans subnets for energy devices, gently: one connection per address and port at a time, reads only, a short
 * connect timeout, a bounded number of hosts at once. Blocking; results and progress are told as they come.
 */
public interface DeviceScanner {

    /** Where and how to scan. */
    record Options(List<Subnet> subnets, Duration connectTimeout, int parallelHosts) {
        public Options {
            subnets = List.copyOf(subnets);
        }
    }

    /** How far the scan is: hosts finished of all to scan. */
    record Progress(int hostsDone, int hostsTotal) {
    }

    /** Told from the scan's threads; keep it quick. */
    interface Listener {
        void found(FoundDevice device);

        default void progress(Progress progress) {
        }
    }

    /**
     * What the scan did: the devices found, the hosts probed, the ports tried, how long it took, and whether it was
     * cancelled.
     */
    record Report(List<FoundDevice> devices, int hostsProbed, List<Integer> portsTried, Duration took,
                  boolean cancelled) {
        public Report {
            devices = List.copyOf(devices);
            portsTried = List.copyOf(portsTried);
        }
    }

    /** Scans until done or {@link #cancel()}led (then it returns within about a second, with what it found). */
    Report scan(Options options, Listener listener) throws InterruptedException;

    /** Stops a running scan; safe from any thread. */
    void cancel();
}
