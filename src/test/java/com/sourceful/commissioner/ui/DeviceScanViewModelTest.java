package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Find devices on this network" on the Add step with a scanner that tells what it is given: the /24 around the Zap,
 * results as they come, "already on this Zap", the form filled from a result, Esc, and Provision pre-filled.
 */
class DeviceScanViewModelTest {

    /** Tells its devices one by one with progress; {@code midway} runs after the first (a test presses Esc there). */
    static final class FakeScanner implements DeviceScanner {
        final List<FoundDevice> devices;
        final List<Options> asked = new ArrayList<>();
        Runnable midway = () -> { };
        volatile boolean cancelled;

        FakeScanner(List<FoundDevice> devices) {
            this.devices = devices;
        }

        @Override
        public Report scan(Options options, Listener listener) {
            asked.add(options);
            List<FoundDevice> told = new ArrayList<>();
            for (FoundDevice d : devices) {
                if (cancelled) {
                    break;
                }
                listener.found(d);
                told.add(d);
                listener.progress(new Progress(told.size(), 254));
                if (told.size() == 1) {
                    midway.run();
                }
            }
            return new Report(told, 254, List.of(502, 1502, 1883, 8899), Duration.ofMillis(1500), cancelled);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    static FoundDevice sunSpec(String address, int port, int unit) {
        return new FoundDevice(address, port, OptionalInt.of(unit), FoundDevice.MODBUS_TCP, Optional.of("SMA"),
                Optional.of("SB5.0-1AV-41"), Optional.of("3012345678"), Optional.of("4.1"), Optional.of("sma"),
                "SunSpec common model at 40000: SMA / SB5.0-1AV-41", 1);
    }

    static FoundDevice logger(String address) {
        return new FoundDevice(address, 8899, OptionalInt.empty(), FoundDevice.SOLARMAN_V5, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "Solarman V5 frame on 8899", 1);
    }

    static FoundDevice unknownModbus(String address) {
        return new FoundDevice(address, 502, OptionalInt.of(1), FoundDevice.MODBUS_TCP, Optional.of("Acme"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "SunSpec: Acme", 1);
    }

    private final TestClock clock = TestClock.atNoon();
    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    @TempDir
    Path outboxFolder;
    private ZapSimulator zap;
    private ModbusTcpStandIn inverter;

    @BeforeEach
    void start() throws Exception {
        zap = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        inverter = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(3, 4));
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
    }

    @AfterEach
    void stop() {
        clients.close();
        zap.close();
        inverter.close();
    }

    private AddDeviceViewModel add(FakeScanner scanner) {
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session, Map::of,
                AddDeviceViewModel.RETRY_AFTER, () -> scanner);
        add.enter();
        return add;
    }

    @Test
    void scansTheSubnetAroundTheZapAndFillsTheFormFromAResult() {
        FoundDevice sma = sunSpec("127.0.0.1", inverter.port(), 3);
        FakeScanner scanner = new FakeScanner(List.of(logger("127.0.0.7"), sma));
        AddDeviceViewModel add = add(scanner);

        add.findDevices();
        assertThat(scanner.asked).singleElement().satisfies(o ->
                assertThat(o.subnets()).extracting(Object::toString).singleElement().asString().contains("127.0.0.0"));
        assertThat(scanner.asked.get(0).subnets().get(0).prefix()).isEqualTo(24);
        assertThat(add.foundRows()).extracting(r -> r.device().address() + ":" + r.device().port())
                .containsExactly("127.0.0.7:8899", "127.0.0.1:" + inverter.port());
        assertThat(add.foundRows()).noneMatch(AddDeviceViewModel.FoundRow::onZap);
        assertThat(add.scanningProperty().get()).isFalse();
        assertThat(add.busyProperty().get()).isFalse();
        assertThat(add.scanStatusProperty().get()).contains("2 devices found").contains("254");

        // A logger port cannot fill a Modbus form: it is explained, the form left as it was.
        String profileBefore = add.profileProperty().get().profile();
        add.fillFrom(logger("127.0.0.7"));
        assertThat(add.scanNoteProperty().get()).contains("RS485-to-Ethernet gateway");
        assertThat(add.profileProperty().get().profile()).isEqualTo(profileBefore);
        add.fillFrom(unknownModbus("127.0.0.9"));
        assertThat(add.scanNoteProperty().get()).contains("no profile");

        add.fillFrom(sma);
        assertThat(add.profileProperty().get().profile()).isEqualTo("sma");
        assertThat(add.connectionTypeProperty().get()).isEqualTo("modbus_tcp");
        assertThat(add.field("ip").orElseThrow().textProperty().get()).isEqualTo("127.0.0.1");
        assertThat(add.field("port").orElseThrow().textProperty().get()).isEqualTo(String.valueOf(inverter.port()));
        assertThat(add.field("unit_id").orElseThrow().textProperty().get()).isEqualTo("3");

        // Added: the Zap now has it, so the result is marked; its identity goes on to Provision.
        add.next(() -> { });
        assertThat(session.device()).isPresent();
        assertThat(add.foundRows()).filteredOn(AddDeviceViewModel.FoundRow::onZap).singleElement()
                .satisfies(r -> {
                    assertThat(r.device()).isEqualTo(sma);
                    assertThat(r.onZapSn()).contains(session.device().orElseThrow().sn());
                });
        assertThat(session.identity()).hasValue(new CommissioningSession.Identity(Optional.of("SMA"),
                Optional.of("SB5.0-1AV-41"), Optional.of("3012345678")));

        session.publishedDers(List.of("pv"));
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config(), session, clock,
                new Outbox(outboxFolder, clock));
        provision.enter();
        assertThat(provision.manufacturerProperty().get()).isEqualTo("SMA");
        assertThat(provision.modelProperty().get()).isEqualTo("SB5.0-1AV-41");
        assertThat(provision.nameProperty().get()).endsWith("SB5.0-1AV-41");
    }

    @Test
    void aFormChangedAwayFromTheResultDoesNotCarryItsIdentity() {
        FoundDevice sma = sunSpec("127.0.0.1", inverter.port(), 3);
        AddDeviceViewModel add = add(new FakeScanner(List.of(sma)));
        add.findDevices();
        add.fillFrom(sma);
        add.field("unit_id").orElseThrow().textProperty().set("4");
        add.next(() -> { });
        assertThat(session.device()).as("the Zap added what the form held").isPresent();
        assertThat(session.identity()).isEmpty();
    }

    static FoundDevice broker(String address, int port, String evidence) {
        return new FoundDevice(address, port, OptionalInt.empty(), FoundDevice.MQTT, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), evidence, 1);
    }

    @Test
    void aBrokerThatDidNotTellWhoseItIsFillsTheFormWithItsPortsProfileSaidToBeAGuess() {
        FoundDevice onAmbiboxPort = broker("127.0.0.5", 1884, "MQTT broker — needs its credentials (CONNACK code 5)");
        FoundDevice elsewhere = broker("127.0.0.6", 18_830, "MQTT broker — needs its credentials (CONNACK code 5)");
        AddDeviceViewModel add = add(new FakeScanner(List.of(onAmbiboxPort, elsewhere)));
        add.findDevices();
        assertThat(add.foundRows()).extracting(r -> r.profileGuess().orElse("-")).containsExactly("ambibox", "-");

        add.fillFrom(elsewhere);
        assertThat(add.scanNoteProperty().get()).contains("cannot tell whose it is");

        add.fillFrom(onAmbiboxPort);
        assertThat(add.profileProperty().get().profile()).isEqualTo("ambibox");
        assertThat(add.connectionTypeProperty().get()).isEqualTo("mqtt");
        assertThat(add.field("broker_host").orElseThrow().textProperty().get()).isEqualTo("127.0.0.5");
        assertThat(add.field("broker_port").orElseThrow().textProperty().get()).isEqualTo("1884");
        assertThat(add.field("username").orElseThrow().textProperty().get()).as("the reference's user")
                .isEqualTo("external-ems");
        assertThat(add.field("password").orElseThrow().textProperty().get()).isNullOrEmpty();
        assertThat(add.scanNoteProperty().get()).contains("Ambibox V2X").contains("a guess from its port")
                .contains("could not tell whose broker it is");
    }

    @Test
    void escStopsTheScanAndKeepsWhatWasFound() {
        FakeScanner scanner = new FakeScanner(List.of(sunSpec("127.0.0.1", 502, 1), sunSpec("127.0.0.2", 502, 1)));
        AddDeviceViewModel add = add(scanner);
        scanner.midway = () -> {
            assertThat(add.busyProperty().get()).as("Esc and Cancel reach a running scan").isTrue();
            add.cancel();
        };
        add.findDevices();
        assertThat(scanner.cancelled).isTrue();
        assertThat(add.scanningProperty().get()).isFalse();
        assertThat(add.foundRows()).extracting(r -> r.device().address()).containsExactly("127.0.0.1");
        assertThat(add.scanStatusProperty().get()).contains("Scan stopped").contains("1 device found");
    }

    @Test
    void aBuildWithoutAScannerSaysSo() {
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        add.findDevices();
        assertThat(add.scanStatusProperty().get()).contains("cannot scan");
        assertThat(add.scanningProperty().get()).isFalse();
    }

    @Test
    void withTheRealScannerTheStandInAroundTheZapIsListed() {
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session, Map::of,
                AddDeviceViewModel.RETRY_AFTER,
                () -> new ModbusDeviceScanner(List.of(ModbusDeviceScanner.Port.modbus(inverter.port(), 3))));
        add.enter();
        add.findDevices();
        assertThat(add.scanStatusProperty().get()).contains("Scan done");
        assertThat(add.foundRows()).extracting(r -> r.device().address() + ":" + r.device().port())
                .contains("127.0.0.1:" + inverter.port());
        // The stand-in answers Modbus but has no identity registers: listed, and explained rather than filled.
        add.fillFrom(add.foundRows().get(0).device());
        assertThat(add.scanNoteProperty().get()).contains("no profile");
    }

    private static AppConfig config() {
        ZapDiscovery.Options noSearch = new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                null, null);
        return new AppConfig(true, noSearch, Optional.empty(), Optional.empty());
    }
}
