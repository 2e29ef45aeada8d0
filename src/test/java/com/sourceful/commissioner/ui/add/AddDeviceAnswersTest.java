package com.sourceful.commissioner.ui.add;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ConnectionSchemas;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every profile's form as the Zap describes it, the schema-driven path with a parameter only a newer firmware has,
 * and each answer of {@code POST /api/devices} (201/400/409/503/timeout) as the technician sees it.
 */
class AddDeviceAnswersTest {

    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients(uri -> new ZapClient(uri,
            new HttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20), Duration.ofMillis(800)));
    private StubServer stub;
    private ZapSimulator zap;

    @AfterEach
    void close() {
        clients.close();
        if (stub != null) {
            stub.close();
        }
        if (zap != null) {
            zap.close();
        }
    }

    private AddDeviceViewModel onSimulator() throws IOException {
        zap = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).start();
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        return add;
    }

    static List<Object[]> profilesAndTypes() {
        return ProfileCatalogue.builtIn().stream()
                .flatMap(p -> p.connectionTypes().stream().map(t -> new Object[] {p.id(), t})).toList();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("profilesAndTypes")
    void everyProfileGetsItsFormWithValidDefaults(String profile, String type) throws IOException {
        AddDeviceViewModel add = onSimulator();
        add.profileProperty().set(add.profileNamed(profile).orElseThrow());
        add.connectionTypeProperty().set(type);
        List<String> expected = ConnectionSchemas.builtIn().stream().filter(s -> s.type().equals(type)).findFirst()
                .orElseThrow().parameters().stream().map(p -> p.name()).filter(n -> !n.equals("profile")).toList();
        assertThat(add.fields()).extracting(FormField::name).containsExactlyElementsOf(expected);
        // Only the required address is missing from a fresh form; every default and vendor default is valid.
        add.fields().stream().filter(f -> !f.name().equals("ip") && !f.name().equals("broker_host"))
                .forEach(f -> assertThat(f.valid()).as(profile + "/" + f.name() + "=" + f.textProperty().get()).isTrue());
        add.field("ip").ifPresent(f -> f.textProperty().set("127.0.0.1"));
        add.field("broker_host").ifPresent(f -> f.textProperty().set("127.0.0.1"));
        assertThat(add.readyProperty().get()).isTrue();
        assertThat(add.config().fields()).containsEntry("type", type);
        ProfileCatalogue.vendorDefaults(profile, type).forEach((field, value) ->
                assertThat(add.field(field).orElseThrow().textProperty().get()).as(field).isEqualTo(value));
    }

    @Test
    void aParameterOnlyANewerFirmwareHasGetsAField() throws IOException {
        stub = StubServer.start()
                .json("/api/devices/supported", 200, "{\"count\":1,\"inverters\":[{\"display_name\":\"Sungrow\","
                        + "\"profile\":\"sungrow\",\"connection_types\":[\"modbus_tcp\"]}]}")
                .json("/api/devices/types", 200, "{\"connection_types\":[{\"type\":\"modbus_tcp\",\"parameters\":["
                        + "{\"name\":\"ip\",\"type\":\"string\",\"required\":true},"
                        + "{\"name\":\"port\",\"type\":\"int\",\"default\":502},"
                        + "{\"name\":\"poll_interval_ms\",\"type\":\"int\",\"default\":1000,"
                        + "\"description\":\"How often the Zap reads\"}]}]}");
        session.selectGateway(new CommissioningSession.Gateway("zap-0000abcd", stub.baseUri(), "9"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        assertThat(add.statusProperty().get()).contains("supports 1 profiles");
        assertThat(add.devicesProblemProperty().get()).as("this stub has no device list").contains("HTTP 404");
        assertThat(add.fields()).extracting(FormField::name).containsExactly("ip", "port", "poll_interval_ms");
        FormField added = add.field("poll_interval_ms").orElseThrow();
        assertThat(added.label()).isEqualTo("poll_interval_ms");
        assertThat(added.description()).isEqualTo("How often the Zap reads");
        assertThat(added.textProperty().get()).isEqualTo("1000");
        added.textProperty().set("fast");
        assertThat(add.readyProperty().get()).as("an int parameter must be a number").isFalse();
    }

    private AddDeviceViewModel onStub(int status, String body) throws IOException {
        stub = StubServer.start()
                .json("/api/devices/supported", 200, "{\"inverters\":[{\"profile\":\"sungrow\","
                        + "\"connection_types\":[\"modbus_rtu\"]}]}")
                .json("/api/devices/types", 500, "{}")
                .on("/api/devices", ex -> StubServer.send(ex, ex.getRequestMethod().equals("GET") ? 200 : status,
                        "application/json", ex.getRequestMethod().equals("GET") ? "{\"count\":0,\"devices\":[]}" : body));
        session.selectGateway(new CommissioningSession.Gateway("zap-0000abcd", stub.baseUri(), "9"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        // RTU is wired to the Zap: no laptop check, straight to the Zap.
        assertThat(add.connectionTypeProperty().get()).isEqualTo("modbus_rtu");
        assertThat(add.statusProperty().get()).contains("documented ones");
        return add;
    }

    @Test
    void a400NamesTheFieldTheZapBlamed() throws IOException {
        AddDeviceViewModel add = onStub(400, "{\"error\":\"baud_rate must be one of 9600, 19200\",\"field\":\"baud_rate\"}");
        AtomicInteger proceeded = new AtomicInteger();
        add.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(0);
        assertThat(add.errorProperty().get()).contains("field \"baud_rate\"").contains("must be one of");
        assertThat(add.preflightProperty().get()).contains("Wired to the Zap");
    }

    @Test
    void a201CarriesTheDetectedDers() throws IOException {
        AddDeviceViewModel add = onStub(201, "{\"message\":\"ok\",\"sn\":\"SG0000AAAA\",\"ders\":[{\"type\":\"pv\","
                + "\"enabled\":false},{\"type\":\"battery\",\"enabled\":false}]}");
        AtomicInteger proceeded = new AtomicInteger();
        add.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
        assertThat(session.device().orElseThrow().ders()).extracting(d -> d.type()).containsExactly("pv", "battery");
        assertThat(add.statusProperty().get()).contains("SG0000AAAA").contains("2 DER");
    }

    @Test
    void a503SaysTheZapCouldNotReachTheDevice() throws IOException {
        AddDeviceViewModel add = onStub(503, "{\"error\":\"connection failed\",\"message\":\"no answer from 10.0.0.9:502\"}");
        add.next(() -> { });
        assertThat(add.errorProperty().get()).contains("could not reach the device, or is low on memory")
                .contains("HTTP 503").contains("no answer from 10.0.0.9:502");
    }

    @Test
    void a503LowMemorySaysTheZapIsLowOnMemory() throws IOException {
        AddDeviceViewModel add = onStub(503, "{\"error\":\"low memory\",\"message\":\"free heap below 55 KB\"}");
        add.next(() -> { });
        assertThat(add.errorProperty().get()).contains("low on memory").doesNotContain("could not reach the device");
    }

    @Test
    void aZapThatDoesNotAnswerInTimeIsNotLeftSpinning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        stub = StubServer.start()
                .json("/api/devices/supported", 200, "{\"inverters\":[{\"profile\":\"sungrow\","
                        + "\"connection_types\":[\"modbus_rtu\"]}]}")
                .json("/api/devices/types", 500, "{}")
                .on("/api/devices", ex -> {
                    if (ex.getRequestMethod().equals("GET")) {
                        StubServer.send(ex, 200, "application/json", "[]");
                        return;
                    }
                    try {
                        release.await(5, TimeUnit.SECONDS);
                        StubServer.send(ex, 201, "application/json", "{\"sn\":\"late\"}");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        session.selectGateway(new CommissioningSession.Gateway("zap-0000abcd", stub.baseUri(), "9"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        add.next(() -> { });
        release.countDown();
        assertThat(add.errorProperty().get()).contains("did not answer in time").contains("check its device list");
        assertThat(add.busyProperty().get()).isFalse();
    }

    @Test
    void aModbusStandInPassesThePreflightAndTheSimulatorAddsIt() throws IOException {
        AddDeviceViewModel add = onSimulator();
        try (ModbusTcpStandIn inverter = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(3))) {
            add.profileProperty().set(add.profileNamed("sma").orElseThrow());
            add.field("ip").orElseThrow().textProperty().set("127.0.0.1");
            add.field("port").orElseThrow().textProperty().set(String.valueOf(inverter.port()));
            add.testConnection();
            assertThat(add.preflightProperty().get()).isEqualTo("The device answers Modbus at 127.0.0.1:" + inverter.port() + ".");
            AtomicInteger proceeded = new AtomicInteger();
            add.next(proceeded::incrementAndGet);
            assertThat(proceeded).hasValue(1);
            assertThat(zap.devices()).hasSize(1);
        }
    }
}
