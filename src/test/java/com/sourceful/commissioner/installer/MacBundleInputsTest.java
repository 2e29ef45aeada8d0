package com.sourceful.commissioner.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.sourceful.commissioner.discovery.MdnsBrowser;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The inputs of the macOS app bundle, read on every OS (no Mac here): the Info.plist template jpackage takes from
 * installer/macos/resources must carry the Local Network privacy keys (macOS 15 and later deny the LAN, without a
 * prompt, to an app without NSLocalNetworkUsageDescription), list every Bonjour type the discovery code browses, and
 * keep the substitution tokens of JDK 17 jpackage's own template; the localised InfoPlist.strings must exist and
 * parse; build-dmg.sh must use them in the right order. installer/macos/check-app.sh checks the built bundle on a Mac.
 */
class MacBundleInputsTest {

    private static final Path MACOS = Path.of("installer", "macos");
    private static final Path INFO_PLIST = MACOS.resolve("resources").resolve("Info.plist");
    private static final Path BUILD_SCRIPT = MACOS.resolve("build-dmg.sh");
    private static final Path CHECK_SCRIPT = MACOS.resolve("check-app.sh");
    private static final Path ENTITLEMENTS = MACOS.resolve("entitlements.plist");
    private static final List<String> LOCALIZATIONS = List.of("en", "sv");

    /** Where JDK 17 jpackage's Info-lite.plist.template has each token (MacAppImageBuilder.writeInfoPlist). */
    private static final Map<String, String> JDK17_TOKENS = Map.of(
            "CFBundleExecutable", "DEPLOY_LAUNCHER_NAME",
            "CFBundleIconFile", "DEPLOY_ICON_FILE",
            "CFBundleIdentifier", "DEPLOY_BUNDLE_IDENTIFIER",
            "CFBundleName", "DEPLOY_BUNDLE_NAME",
            "CFBundleShortVersionString", "DEPLOY_BUNDLE_SHORT_VERSION",
            "CFBundleVersion", "DEPLOY_BUNDLE_CFBUNDLE_VERSION",
            "NSHumanReadableCopyright", "DEPLOY_BUNDLE_COPYRIGHT",
            "LSApplicationCategoryType", "DEPLOY_APP_CATEGORY");
    /** Written by jpackage as a fragment of keys between two entries, not as a value. */
    private static final String FILE_ASSOCIATIONS_TOKEN = "DEPLOY_FILE_ASSOCIATIONS";

    private static final Pattern SERVICE_TYPE = Pattern.compile("_[A-Za-z0-9-]+\\._(?:tcp|udp)");
    private static final Pattern STRINGS_ENTRY =
            Pattern.compile("\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;");

    @Test
    void infoPlistParsesAndCarriesTheLocalNetworkUsageDescription() throws Exception {
        Map<String, Element> plist = dictOf(parse(INFO_PLIST));

        assertThat(plist).containsKey("NSLocalNetworkUsageDescription");
        Element usage = plist.get("NSLocalNetworkUsageDescription");
        assertThat(usage.getTagName()).isEqualTo("string");
        assertThat(usage.getTextContent().strip())
                .as("the sentence macOS shows when asking for the local network")
                .hasSizeGreaterThan(40)
                .contains("Zap")
                .doesNotContain("DEPLOY_");
    }

    @Test
    void bonjourServicesListEveryTypeTheDiscoveryCodeUses() throws Exception {
        Element services = dictOf(parse(INFO_PLIST)).get("NSBonjourServices");

        assertThat(services).as("NSBonjourServices").isNotNull();
        assertThat(services.getTagName()).isEqualTo("array");
        assertThat(stringsOf(services)).containsAll(browsedServiceTypes());
    }

    @Test
    void browsedTypesAreReadFromTheCode() throws IOException {
        // Guards the test above against reading nothing: the browser's own type must be among them.
        assertThat(browsedServiceTypes()).contains("_http._tcp");
    }

    @Test
    void keepsTheTokensOfJdk17JpackagesTemplate() throws Exception {
        Document doc = parse(INFO_PLIST);
        Map<String, Element> plist = dictOf(doc);

        JDK17_TOKENS.forEach((key, token) -> {
            assertThat(plist).as(key).containsKey(key);
            assertThat(plist.get(key).getTextContent().strip()).as(key).isEqualTo(token);
        });
        assertThat(directText(dict(doc))).as("the file-association fragment token in the dict")
                .containsExactly(FILE_ASSOCIATIONS_TOKEN);

        Set<String> tokens = new TreeSet<>();
        Matcher m = Pattern.compile("DEPLOY_[A-Z_]+").matcher(Files.readString(INFO_PLIST));
        while (m.find()) {
            tokens.add(m.group());
        }
        Set<String> known = new TreeSet<>(JDK17_TOKENS.values());
        known.add(FILE_ASSOCIATIONS_TOKEN);
        assertThat(tokens).as("tokens JDK 17 jpackage substitutes, and no other").isEqualTo(known);
    }

    @Test
    void localisationsAreDeclaredAndEachHasItsInfoPlistStrings() throws Exception {
        Map<String, Element> plist = dictOf(parse(INFO_PLIST));
        assertThat(plist).containsKey("CFBundleLocalizations");
        assertThat(stringsOf(plist.get("CFBundleLocalizations"))).containsExactlyInAnyOrderElementsOf(LOCALIZATIONS);
        assertThat(plist.get("CFBundleDevelopmentRegion").getTextContent().strip()).isEqualTo("en");

        Map<String, String> texts = new LinkedHashMap<>();
        for (String lang : LOCALIZATIONS) {
            Path strings = MACOS.resolve("lproj").resolve(lang + ".lproj").resolve("InfoPlist.strings");
            assertThat(strings).as(lang).isRegularFile();
            Map<String, String> entries = parseStrings(strings);
            assertThat(entries.get("NSLocalNetworkUsageDescription")).as(lang).isNotBlank();
            texts.put(lang, entries.get("NSLocalNetworkUsageDescription"));
        }
        assertThat(texts.get("sv")).as("Swedish, not a copy of the English").isNotEqualTo(texts.get("en"));
        assertThat(texts.get("en")).isEqualTo(dictOf(parse(INFO_PLIST))
                .get("NSLocalNetworkUsageDescription").getTextContent().strip());
    }

    @Test
    void stringsParserRejectsAnEntryWithoutItsSemicolon() {
        // The parser below is what the localisation test relies on; a broken file must not pass it.
        String broken = "/* c */\n\"NSLocalNetworkUsageDescription\" = \"text\"\n";
        assertThatThrownBy(() -> parseStrings(broken))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildScriptUsesTheResourceDirAndCopiesTheLprojFoldersBeforeSigning() throws IOException {
        String script = Files.readString(BUILD_SCRIPT);
        List<String> code = script.lines().filter(l -> !l.strip().startsWith("#")).collect(Collectors.toList());
        String body = String.join("\n", code);

        assertThat(body).contains("--resource-dir installer/macos/resources");
        int copy = indexOfLine(code, l -> l.contains("cp -R") && l.contains("lproj")
                && l.contains("Contents/Resources"));
        int loop = indexOfLine(code, l -> l.contains("installer/macos/lproj/*.lproj"));
        int sign = indexOfLine(code, l -> l.strip().startsWith("sign_app \"$app\""));
        int dmg = indexOfLine(code, l -> l.contains("hdiutil create"));
        assertThat(loop).as("a loop over installer/macos/lproj/*.lproj").isNotNegative();
        assertThat(copy).as("the .lproj folders copied into Contents/Resources").isGreaterThan(loop);
        assertThat(sign).as("signed after the copy (a file added later breaks the seal)").isGreaterThan(copy);
        assertThat(dmg).as("the DMG made from the signed bundle").isGreaterThan(sign);
        assertThat(body).as("jpackage must not sign before the .lproj folders are in").doesNotContain("--mac-sign");
        try (Stream<Path> dirs = Files.list(MACOS.resolve("lproj"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(LOCALIZATIONS.stream().map(l -> l + ".lproj").toList());
        }
    }

    @Test
    void checkScriptExpectsEveryBrowsedTypeAndBothLocalisations() throws IOException {
        String script = Files.readString(CHECK_SCRIPT);

        assertThat(arrayInScript(script, "EXPECTED_SERVICES")).containsAll(browsedServiceTypes());
        assertThat(arrayInScript(script, "EXPECTED_LOCALIZATIONS")).containsExactlyElementsOf(LOCALIZATIONS);
        assertThat(script).contains("plutil -extract", "NSLocalNetworkUsageDescription", "hdiutil attach -readonly",
                "trap detach EXIT");
    }

    @Test
    void networkEntitlementsOnlyWithTheAppSandbox() throws Exception {
        // com.apple.security.network.client/server are App Sandbox entitlements: without the sandbox they are
        // ignored, and Local Network access comes from Info.plist and the user's consent, not from entitlements.
        Map<String, Element> entitlements = dictOf(parse(ENTITLEMENTS));
        boolean sandboxed = entitlements.containsKey("com.apple.security.app-sandbox")
                && entitlements.get("com.apple.security.app-sandbox").getTagName().equals("true");

        assertThat(entitlements).containsKeys("com.apple.security.cs.allow-jit",
                "com.apple.security.cs.disable-library-validation");
        if (!sandboxed) {
            assertThat(entitlements.keySet()).as("inert network entitlements of a non-sandboxed app")
                    .noneMatch(k -> k.startsWith("com.apple.security.network."));
        } else {
            assertThat(entitlements).containsKeys("com.apple.security.network.client",
                    "com.apple.security.network.server");
        }
    }

    /** Service types ("_http._tcp") the app's code names: the browser's constant and any other in the sources. */
    private static Set<String> browsedServiceTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        types.add(MdnsBrowser.SERVICE_TYPE.replaceFirst("\\.local\\.?$", ""));
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SERVICE_TYPE.matcher(Files.readString(file));
                while (m.find()) {
                    types.add(m.group());
                }
            }
        }
        return types;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names Apple's DTD by URL: never fetch it (tests stay off the network).
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder.parse(file.toFile());
    }

    private static Element dict(Document doc) {
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("plist");
        List<Element> children = elements(root);
        assertThat(children).hasSize(1);
        assertThat(children.get(0).getTagName()).isEqualTo("dict");
        return children.get(0);
    }

    /** The top dict's entries: each key with the element after it. */
    private static Map<String, Element> dictOf(Document doc) {
        List<Element> children = elements(dict(doc));
        assertThat(children.size() % 2).as("key/value pairs").isZero();
        Map<String, Element> map = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i += 2) {
            assertThat(children.get(i).getTagName()).isEqualTo("key");
            assertThat(children.get(i + 1).getTagName()).isNotEqualTo("key");
            String key = children.get(i).getTextContent().strip();
            assertThat(map).as("duplicate key").doesNotContainKey(key);
            map.put(key, children.get(i + 1));
        }
        return map;
    }

    private static List<String> stringsOf(Element array) {
        List<String> out = new ArrayList<>();
        for (Element e : elements(array)) {
            assertThat(e.getTagName()).isEqualTo("string");
            out.add(e.getTextContent().strip());
        }
        return out;
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> directText(Element parent) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
                out.add(n.getNodeValue().strip());
            }
        }
        return out;
    }

    /** A UTF-8 .strings file: "key" = "value"; entries and comments only, as macOS reads it. */
    private static Map<String, String> parseStrings(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return parseStrings(text);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8", e);
        }
    }

    private static Map<String, String> parseStrings(String text) {
        String content = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher m = STRINGS_ENTRY.matcher(content);
        int pos = 0;
        while (pos < content.length() && !content.substring(pos).isBlank()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("not a \"key\" = \"value\"; entry at: "
                        + content.substring(pos).strip());
            }
            entries.put(m.group(1), m.group(2));
            pos = m.end();
        }
        return entries;
    }

    private static List<String> arrayInScript(String script, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=\\(([^)]*)\\)").matcher(script);
        assertThat(m.find()).as(name + "=(...) in the script").isTrue();
        return List.of(m.group(1).trim().split("\\s+"));
    }

    private static int indexOfLine(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
