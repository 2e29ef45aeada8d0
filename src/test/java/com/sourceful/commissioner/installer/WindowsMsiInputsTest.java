package com.sourceful.commissioner.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Windows installer's inputs, read on every OS (WiX runs only on Windows): the firewall fragment declares the
 * inbound mDNS rule for the launcher, and build-msi.ps1 compiles and links it with the WiX firewall extension into
 * the MSI, signing the launcher before and the MSI after. On the Windows runner check-msi.ps1 reads the built MSI's
 * tables and smoke-msi.ps1 installs it, checks the rule with Windows and uninstalls it.
 */
class WindowsMsiInputsTest {

    private static final Path WINDOWS = Path.of("installer", "windows");
    private static final Path FIREWALL_WXS = WINDOWS.resolve(Path.of("wix", "firewall.wxs"));
    private static final Path BUILD_MSI = WINDOWS.resolve("build-msi.ps1");
    private static final Path CHECK_MSI = WINDOWS.resolve("check-msi.ps1");
    private static final Path SMOKE_MSI = WINDOWS.resolve("smoke-msi.ps1");
    private static final String WIX = "http://schemas.microsoft.com/wix/2006/wi";
    private static final String WIX_FIREWALL = "http://schemas.microsoft.com/wix/FirewallExtension";
    private static final Pattern GUID = Pattern.compile(
            "\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}}");

    @Test
    void theFragmentIsWixSourceWithOneFirewallRule() throws Exception {
        Document wxs = parse(FIREWALL_WXS);

        assertThat(wxs.getDocumentElement().getNamespaceURI()).isEqualTo(WIX);
        assertThat(wxs.getDocumentElement().getLocalName()).isEqualTo("Wix");
        assertThat(elements(wxs, WIX_FIREWALL, "FirewallException")).hasSize(1);
    }

    @Test
    void theRuleLetsMdnsAnswersInToTheLauncherOnEveryProfileFromTheLocalSubnet() throws Exception {
        Element rule = firewallRule();

        assertThat(rule.getAttribute("Protocol")).isEqualTo("udp");
        assertThat(rule.getAttribute("Port")).isEqualTo("5353");
        assertThat(rule.getAttribute("Program")).isEqualTo("[INSTALLDIR]" + launcher());
        // Public is the profile customer networks get, where an app without a rule hears nothing.
        assertThat(rule.getAttribute("Profile")).isEqualTo("all");
        assertThat(rule.getAttribute("Scope")).isEqualTo("localSubnet");
        // The extension's rules are inbound unless Outbound="yes" (which WiX 3.14's compiler does not even accept).
        assertThat(rule.hasAttribute("Outbound")).isFalse();
        // A rule that silently failed to register would leave the technician where the issue started.
        assertThat(rule.getAttribute("IgnoreFailure")).isNotEqualTo("yes");
        assertThat(rule.getAttribute("Name")).contains("Zap Commissioner");
    }

    @Test
    void theRuleBelongsToAFixedComponentInTheInstallFolderThatTheGroupLists() throws Exception {
        Element rule = firewallRule();
        Element component = (Element) rule.getParentNode();
        Element folder = (Element) component.getParentNode();

        assertThat(component.getLocalName()).isEqualTo("Component");
        // Never "*": the same GUID in every version, so an upgrade replaces the rule instead of adding a second.
        assertThat(component.getAttribute("Guid")).matches(GUID);
        assertThat(folder.getLocalName()).isEqualTo("DirectoryRef");
        assertThat(folder.getAttribute("Id")).isEqualTo("INSTALLDIR");
        Element group = componentGroup();
        List<String> listed = new ArrayList<>();
        NodeList refs = group.getElementsByTagNameNS(WIX, "ComponentRef");
        for (int i = 0; i < refs.getLength(); i++) {
            listed.add(((Element) refs.item(i)).getAttribute("Id"));
        }
        assertThat(listed).contains(component.getAttribute("Id"));
    }

    @Test
    void theBuildCompilesAndLinksTheFragmentWithTheFirewallExtension() throws Exception {
        String script = read(BUILD_MSI);

        assertThat(script).contains("$firewallSource = (Resolve-Path 'installer\\windows\\wix\\firewall.wxs').Path");
        assertThat(statement(script, "$candleOptions = ")).contains("'-ext', 'WixFirewallExtension'");
        assertThat(statement(script, "$firewallObject = ")).contains("'firewall.wixobj'");
        assertThat(script).contains(
                "Invoke-Checked 'candle.exe' ($candleOptions + @('-out', $firewallObject, $firewallSource))");
        assertThat(statement(script, "$extensions = ")).contains("'-ext', 'WixFirewallExtension'");
        String light = statement(script, "Invoke-Checked 'light.exe'");
        assertThat(light).contains("$extensions").contains("$firewallObject").contains("$jpackageObjects");
        // jpackage keeps its WiX objects only with --temp; the relink starts from them.
        assertThat(statement(script, "Invoke-Checked 'jpackage' ($common + @('--type', 'msi'"))
                .contains("'--temp', $jpackageTemp");
    }

    @Test
    void theBuildMakesTheMsiTakeTheFragmentsComponentGroup() throws Exception {
        String script = read(BUILD_MSI);

        // light drops a fragment nothing refers to: the UI fragment, compiled again, refers to the group.
        assertThat(script).contains("$featureRef.SetAttribute('Id', 'DefaultFeature')")
                .contains("$groupRef = $ui.CreateElement('ComponentGroupRef', $wixNs)")
                .contains("$groupRef.SetAttribute('Id', '" + componentGroup().getAttribute("Id") + "')");
        assertThat(script).contains("Invoke-Checked 'candle.exe' ($candleOptions + @('-out', $uiObject, $uiLinked))");
        assertThat(statement(script, "Invoke-Checked 'light.exe'")).contains("$uiObject");
    }

    @Test
    void theLauncherIsSignedBeforeTheMsiIsMadeAndTheMsiAfterItIsLinked() throws Exception {
        String script = read(BUILD_MSI);
        int signLauncher = script.indexOf("Invoke-Signing 'target\\installer\\zap-commissioner\\" + launcher() + "'");
        int jpackageMsi = script.indexOf("Invoke-Checked 'jpackage' ($common + @('--type', 'msi'");
        int light = script.indexOf("Invoke-Checked 'light.exe'");
        int signMsi = script.indexOf("Invoke-Signing $msi.FullName");

        assertThat(signLauncher).isPositive().isLessThan(jpackageMsi);
        assertThat(jpackageMsi).isLessThan(light);
        assertThat(signMsi).isGreaterThan(light);
        assertThat(script.indexOf("Move-Item -Force $linked $msi.FullName")).isBetween(light, signMsi);
    }

    @Test
    void theCheckLooksForTheSameRule() throws Exception {
        String check = read(CHECK_MSI);

        assertThat(check).contains("$Launcher = '" + launcher() + "'").contains("$Program = \"[INSTALLDIR]$Launcher\"")
                .contains("FROM `WixFirewallException`").contains("$_['Port'] -eq '5353'")
                .contains("$UdpProtocol = 17").contains("$AllProfiles = 2147483647")
                .contains("-ne 'LocalSubnet'").contains("'WixSchedFirewallExceptionsUninstall'")
                .contains("exit 1");
    }

    @Test
    void theSmokeTestFindsTheRuleByItsNameAndChecksItsRemoval() throws Exception {
        String smoke = read(SMOKE_MSI);

        // Windows knows the rule only by the Name the fragment gives it.
        assertThat(smoke).contains("$RuleName = '" + firewallRule().getAttribute("Name") + "'")
                .contains("$Launcher = '" + launcher() + "'")
                .contains("Invoke-Msiexec '/i'").contains("Invoke-Msiexec '/x'")
                .contains("$localPorts -ne '5353'").contains("-ne 'LocalSubnet'")
                .contains("still there after uninstalling");
    }

    /** The launcher jpackage makes: the package's --name with .exe, in the root of the app image. */
    private static String launcher() throws IOException {
        Matcher name = Pattern.compile("'--name', '([^']+)'").matcher(read(BUILD_MSI));
        assertThat(name.find()).as("--name in build-msi.ps1").isTrue();
        return name.group(1) + ".exe";
    }

    private static Element firewallRule() throws Exception {
        List<Element> rules = elements(parse(FIREWALL_WXS), WIX_FIREWALL, "FirewallException");
        assertThat(rules).isNotEmpty();
        return rules.get(0);
    }

    private static Element componentGroup() throws Exception {
        List<Element> groups = elements(parse(FIREWALL_WXS), WIX, "ComponentGroup");
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    /** One PowerShell statement: from its start to the end of its indented continuation lines. */
    private static String statement(String script, String start) {
        int from = script.indexOf(start);
        assertThat(from).as("'%s' in the script", start).isNotNegative();
        Matcher end = Pattern.compile("\n(?![ \t])").matcher(script);
        return end.find(from) ? script.substring(from, end.start()) : script.substring(from);
    }

    private static List<Element> elements(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
