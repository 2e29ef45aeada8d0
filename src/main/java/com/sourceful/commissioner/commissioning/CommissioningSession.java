package com.sourceful.commissioner.commissioning;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/**
 * What the technician has done so far on one Zap, carried from step to step. Never holds a token or a password
 * (the device config kept here is the redacted one).
 */
public final class CommissioningSession {

    /** The Zap being worked on: its serial is Novacore's {@code gateway_serial}. */
    public record Gateway(String serial, URI baseUri, String firmwareVersion) {
    }

    /** A device added to the Zap in this session. */
    public record Device(String sn, String profile, String groupOfProfile, String displayName, DeviceConfig config,
                         List<Der> ders) {

        public static Device of(AddedDevice added, String profile, ProfileCatalogue.Group group, String displayName,
                                DeviceConfig config) {
            return new Device(added.sn(), profile, group.zapGroup(), displayName, config, added.ders());
        }

        public ProfileCatalogue.Group group() {
            return ProfileCatalogue.Group.ofZapGroup(groupOfProfile);
        }
    }

    /** A guided load test on a device's meter, kept for the hand-over report. */
    public record LoadTestResult(String deviceSn, double expectedWatts, int expectedPhase, String outcome,
                                 double measuredDeltaWatts, int measuredPhase, java.time.Instant at) {
    }

    private final List<LoadTestResult> loadTests = new ArrayList<>();
    private Gateway gateway;
    private Device device;
    private List<String> publishedDers = List.of();
    private ProvisionResult provisionResult;
    private String queuedOutboxId;
    private final List<ProvisionResult> history = new ArrayList<>();

    public Optional<Gateway> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** Choosing another Zap starts over: what was done on the previous one stays in {@link #history()}. */
    public void selectGateway(Gateway gateway) {
        if (this.gateway == null || !this.gateway.serial().equals(gateway.serial())) {
            startNextDevice();
        }
        this.gateway = gateway;
    }

    public Optional<Device> device() {
        return Optional.ofNullable(device);
    }

    public void deviceAdded(Device device) {
        this.device = device;
        this.publishedDers = List.of();
        this.provisionResult = null;
        this.queuedOutboxId = null;
    }

    public List<String> publishedDers() {
        return publishedDers;
    }

    public void publishedDers(List<String> types) {
        this.publishedDers = List.copyOf(types);
    }

    public Optional<ProvisionResult> provisionResult() {
        return Optional.ofNullable(provisionResult);
    }

    public void provisioned(ProvisionResult result) {
        this.provisionResult = result;
        this.queuedOutboxId = null;
        history.add(result);
    }

    /** Novacore could not be reached: the request waits in the outbox under this id, to be sent later. */
    public void provisionQueued(String outboxId) {
        this.provisionResult = null;
        this.queuedOutboxId = outboxId;
    }

    public Optional<String> queuedOutboxId() {
        return Optional.ofNullable(queuedOutboxId);
    }

    public void recordLoadTest(LoadTestResult result) {
        loadTests.add(result);
    }

    /** Every load test of this session, oldest first. */
    public List<LoadTestResult> loadTests() {
        return List.copyOf(loadTests);
    }

    /** Everything provisioned in this session, oldest first. */
    public List<ProvisionResult> history() {
        return List.copyOf(history);
    }

    /** "Add another device": same Zap, fresh device. */
    public void startNextDevice() {
        device = null;
        publishedDers = List.of();
        provisionResult = null;
        queuedOutboxId = null;
    }
}
