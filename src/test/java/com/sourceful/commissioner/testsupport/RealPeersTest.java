package com.sourceful.commissioner.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.sourceful.commissioner.testsupport.RealPeers.Os;
import com.sourceful.commissioner.testsupport.RealPeers.PythonPeer;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The peers' lookup decides found / skip / fail from an injected machine: runs alike on every OS. */
class RealPeersTest {

    static final String ZEROCONF = "-c import zeroconf";

    static RealPeers on(Os os, Map<String, String> env, List<String> executables, List<String> runs) {
        return new RealPeers(os, RealPeers.machine(env::get, executables, runs));
    }

    @Test
    void debiansPythonIsChosenWhenThePythonOnPathLacksTheModule() {
        RealPeers peers = on(Os.LINUX, Map.of("PATH", "/root/.pyenv/shims:/usr/bin"),
                List.of("/root/.pyenv/shims/python3", "/usr/bin/python3"), List.of("/usr/bin/python3 " + ZEROCONF));

        assertThat(peers.pythonOrMissing(PythonPeer.ZEROCONF).orElseThrow()).containsExactly("/usr/bin/python3");
    }

    @Test
    void thePythonOnPathIsChosenFirstWhenItHasTheModule() {
        RealPeers peers = on(Os.MAC, Map.of("PATH", "/Users/runner/hostedtoolcache/Python/3.11/bin:/usr/bin"),
                List.of("/Users/runner/hostedtoolcache/Python/3.11/bin/python3", "/usr/bin/python3"),
                List.of("/Users/runner/hostedtoolcache/Python/3.11/bin/python3 " + ZEROCONF,
                        "/usr/bin/python3 " + ZEROCONF));

        assertThat(peers.pythonOrMissing(PythonPeer.ZEROCONF).orElseThrow())
                .containsExactly("/Users/runner/hostedtoolcache/Python/3.11/bin/python3");
    }

    @Test
    void onWindowsTheLauncherIsTriedAfterPythonOnPath() {
        // python.exe on PATH is the Store's stub (it exits 9009); py -3 has the module.
        RealPeers peers = on(Os.WINDOWS, Map.of("PATH", "C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps;"
                        + "C:\\Windows"),
                List.of("C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe", "C:\\Windows\\py.exe"),
                List.of("C:\\Windows\\py.exe -3 -c import zeroconf"));

        assertThat(peers.pythonOrMissing(PythonPeer.ZEROCONF).orElseThrow()).containsExactly("C:\\Windows\\py.exe",
                "-3");
    }

    @Test
    void aMissingPythonModuleSkipsWithWhatWasTriedAndHowToInstallItHere() {
        RealPeers peers = on(Os.MAC, Map.of("PATH", "/usr/bin"), List.of("/usr/bin/python3"), List.of());

        assertThatThrownBy(() -> peers.pythonOrMissing(PythonPeer.PYMODBUS).orElseThrow())
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("pymodbus 3.0").hasMessageContaining("MAC")
                .hasMessageContaining("/usr/bin/python3 (exit 1: ModuleNotFoundError: No module named 'x')")
                .hasMessageContaining("/opt/homebrew/bin/python3 (not there)")
                .hasMessageContaining("python3 -m pip install pymodbus==3.0.0 pyserial-asyncio")
                .hasMessageContaining("set ZAP_REQUIRE_PEERS=1 to make a missing peer fail");
    }

    @Test
    void aMissingPeerFailsWhereThePeersAreRequired() {
        RealPeers peers = on(Os.LINUX, Map.of("PATH", "/usr/bin", "ZAP_REQUIRE_PEERS", "1"),
                List.of("/usr/bin/python3"), List.of());

        assertThatThrownBy(() -> peers.pythonOrMissing(PythonPeer.ZEROCONF).orElseThrow())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install python3-zeroconf")
                .hasMessageContaining("ZAP_REQUIRE_PEERS=1 is set, so a missing peer fails the test");
    }

    @Test
    void onlyOneTurnsSkippingIntoFailing() {
        RealPeers peers = on(Os.LINUX, Map.of("ZAP_REQUIRE_PEERS", "true"), List.of(), List.of());

        assertThatThrownBy(() -> peers.mosquittoOrMissing().orElseThrow()).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void mosquittoIsFoundOnPathFirstThenWhereEachOsInstallsIt() {
        assertThat(on(Os.LINUX, Map.of("PATH", "/usr/local/bin:/usr/bin"), List.of("/usr/sbin/mosquitto"), List.of())
                .mosquittoOrMissing().orElseThrow()).isEqualTo("/usr/sbin/mosquitto");
        assertThat(on(Os.MAC, Map.of("PATH", "/opt/homebrew/bin:/usr/bin"),
                List.of("/opt/homebrew/sbin/mosquitto", "/usr/local/sbin/mosquitto"), List.of())
                .mosquittoOrMissing().orElseThrow()).isEqualTo("/opt/homebrew/sbin/mosquitto");
        assertThat(on(Os.MAC, Map.of("PATH", "/opt/homebrew/sbin:/usr/bin"),
                List.of("/opt/homebrew/sbin/mosquitto"), List.of())
                .mosquittoOrMissing().orElseThrow()).isEqualTo("/opt/homebrew/sbin/mosquitto");
        assertThat(on(Os.WINDOWS, Map.of("PATH", "C:\\Windows", "ProgramFiles", "C:\\Program Files"),
                List.of("C:\\Program Files\\mosquitto\\mosquitto.exe"), List.of())
                .mosquittoOrMissing().orElseThrow()).isEqualTo("C:\\Program Files\\mosquitto\\mosquitto.exe");
        assertThat(on(Os.WINDOWS, Map.of("PATH", "C:\\Windows;D:\\tools\\mosquitto"),
                List.of("D:\\tools\\mosquitto\\mosquitto.exe"), List.of())
                .mosquittoOrMissing().orElseThrow()).isEqualTo("D:\\tools\\mosquitto\\mosquitto.exe");
    }

    @Test
    void aMissingMosquittoNamesEachOsInstaller() {
        assertThatThrownBy(() -> on(Os.LINUX, Map.of("PATH", "/usr/bin"), List.of(), List.of())
                .mosquittoOrMissing().orElseThrow()).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("mosquitto (an MQTT broker) is needed by this test and was not found on LINUX")
                .hasMessageContaining("/usr/sbin/mosquitto").hasMessageContaining("apt-get install mosquitto");
        assertThatThrownBy(() -> on(Os.MAC, Map.of(), List.of(), List.of()).mosquittoOrMissing().orElseThrow())
                .hasMessageContaining("brew install mosquitto").hasMessageContaining("/opt/homebrew/sbin/mosquitto");
        assertThatThrownBy(() -> on(Os.WINDOWS, Map.of(), List.of(), List.of()).mosquittoOrMissing().orElseThrow())
                .hasMessageContaining("choco install mosquitto")
                .hasMessageContaining("C:\\Program Files\\mosquitto\\mosquitto.exe");
    }
}
