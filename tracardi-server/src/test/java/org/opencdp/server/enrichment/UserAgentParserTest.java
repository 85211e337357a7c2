package org.opencdp.server.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencdp.server.testing.TestStack;

class UserAgentParserTest {

    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/125.0.6422.142 Safari/537.36";
    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
    static final String IPAD = "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/16.6 Mobile/15E148 Safari/604.1";
    static final String ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 10; SM-G973F) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Mobile Safari/537.36";
    static final String ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    static final String MAC_SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.1 Safari/605.1.15";
    static final String THUNDERBIRD_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.5.0";
    static final String OUTLOOK = "Microsoft Office/16.0 (Microsoft Outlook 16.0.12026; Pro)";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String GOOGLEBOT_SMARTPHONE = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
            + "+http://www.google.com/bot.html)";
    static final String BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    static final String HEADLESS_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/156.0.0.0 Safari/537.36";
    /** Playwright's bundled Chromium, WebKit and Firefox as they announce themselves. */
    static final String PLAYWRIGHT_CHROMIUM = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/120.0.6099.28 Safari/537.36";
    static final String PLAYWRIGHT_WEBKIT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.4 Safari/605.1.15";
    static final String PLAYWRIGHT_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    static final String PLAYWRIGHT_TAGGED = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36 Playwright/1.40.0";
    static final String PUPPETEER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/120.0.0.0 Safari/537.36";
    /** The user agent in the tracardi-js capture; used when the shared fixtures are not next to the repository. */
    static final String CAPTURED = HEADLESS_CHROME;

    private static UserAgentParser parser;

    @BeforeAll
    static void create() {
        parser = new UserAgentParser();
    }

    @Test
    void chromeOnWindowsIsAPc() {
        UserAgentInfo info = parser.parse(CHROME_WINDOWS);
        assertThat(info.os()).isEqualTo(new UserAgentInfo.Os("Windows", "10"));
        assertThat(info.app()).isEqualTo(new UserAgentInfo.App("browser", "Chrome", "125.0.6422", false));
        assertThat(info.device().type()).isEqualTo("pc");
        assertThat(info.device().name()).isEqualTo("Other");
        assertThat(info.device().touch()).isFalse();
    }

    @Test
    void iphoneSafariIsAMobileWithIos() {
        UserAgentInfo info = parser.parse(IPHONE_SAFARI);
        assertThat(info.os()).isEqualTo(new UserAgentInfo.Os("iOS", "17.1.2"));
        assertThat(info.device()).isEqualTo(new UserAgentInfo.Device("iPhone", "Apple", "iPhone", "mobile", true));
        assertThat(info.app()).isEqualTo(new UserAgentInfo.App("browser", "Mobile Safari", "17.1.2", false));
    }

    @Test
    void ipadIsATablet() {
        UserAgentInfo info = parser.parse(IPAD);
        assertThat(info.os().name()).isEqualTo("iOS");
        assertThat(info.device()).isEqualTo(new UserAgentInfo.Device("iPad", "Apple", "iPad", "tablet", true));
    }

    @Test
    void androidPhonesAndTabletsAreToldApart() {
        UserAgentInfo phone = parser.parse(ANDROID_PHONE);
        assertThat(phone.device().type()).isEqualTo("mobile");
        assertThat(phone.device().brand()).isEqualTo("Samsung");
        assertThat(phone.device().model()).isEqualTo("SM-G973F");
        assertThat(phone.device().touch()).isTrue();
        assertThat(phone.os()).isEqualTo(new UserAgentInfo.Os("Android", "10"));

        UserAgentInfo tablet = parser.parse(ANDROID_TABLET);
        assertThat(tablet.device().type()).isEqualTo("tablet");
        assertThat(tablet.device().touch()).isTrue();
    }

    @Test
    void macIsAPcAndMailProgramsAreEmailClients() {
        assertThat(parser.parse(MAC_SAFARI).device().type()).isEqualTo("pc");
        assertThat(parser.parse(MAC_SAFARI).os()).isEqualTo(new UserAgentInfo.Os("Mac OS X", "10.15.7"));
        // Thunderbird on Linux/X11 is a pc first (pc is tested before email, as in Tracardi).
        assertThat(parser.parse(THUNDERBIRD_LINUX).device().type()).isEqualTo("pc");
        assertThat(parser.parse(OUTLOOK).app().name()).isEqualTo("Outlook");
        assertThat(parser.parse(OUTLOOK).device().type()).isEqualTo("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {GOOGLEBOT, GOOGLEBOT_SMARTPHONE, BINGBOT,
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"})
    void crawlersAreBots(String userAgent) {
        assertThat(parser.isBot(userAgent, null)).isTrue();
        UserAgentInfo info = parser.parse(userAgent);
        assertThat(info.device().name()).isEqualTo("Spider");
        assertThat(info.app().bot()).isTrue();
    }

    @Test
    void crawlerDetailsFollowUserAgents() {
        assertThat(parser.parse(GOOGLEBOT).app().name()).isEqualTo("Googlebot");
        assertThat(parser.parse(GOOGLEBOT).device().type()).isNull();
        assertThat(parser.parse(BINGBOT).app()).isEqualTo(new UserAgentInfo.App("browser", "bingbot", "2.0", true));
        // Google's smartphone crawler runs on Android and is classified as a phone.
        assertThat(parser.parse(GOOGLEBOT_SMARTPHONE).device().type()).isEqualTo("mobile");
    }

    @Test
    void theGooglebotFromHeaderMarksABot() {
        assertThat(parser.isBot(CHROME_WINDOWS, "googlebot(at)googlebot.com")).isTrue();
        assertThat(parser.isBot(null, " Googlebot(at)googlebot.com ")).isTrue();
        assertThat(parser.isBot(CHROME_WINDOWS, "someone@example.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {HEADLESS_CHROME, PLAYWRIGHT_CHROMIUM, PLAYWRIGHT_WEBKIT, PLAYWRIGHT_FIREFOX, PLAYWRIGHT_TAGGED,
            PUPPETEER, CHROME_WINDOWS, IPHONE_SAFARI, "curl/7.88.1"})
    void browsersIncludingHeadlessOnesAreNotBots(String userAgent) {
        assertThat(parser.isBot(userAgent, null)).isFalse();
        assertThat(parser.parse(userAgent).app().bot()).isFalse();
    }

    @Test
    void aHeadlessTokenDoesNotHideACrawler() {
        String crawler = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
                + "+http://www.google.com/bot.html) HeadlessChrome/120.0.0.0 Safari/537.36";
        assertThat(parser.isBot(crawler, null)).isTrue();
    }

    @Test
    void theTrackerCaptureUserAgentIsAHeadlessLinuxPc() throws Exception {
        for (String userAgent : capturedUserAgents()) {
            UserAgentInfo info = parser.parse(userAgent);
            assertThat(parser.isBot(userAgent, null)).as(userAgent).isFalse();
            assertThat(info.os()).isEqualTo(new UserAgentInfo.Os("Linux", ""));
            assertThat(info.app()).isEqualTo(new UserAgentInfo.App("browser", "HeadlessChrome", "156.0.0", false));
            assertThat(info.device()).isEqualTo(new UserAgentInfo.Device("Other", null, null, "pc", false));
        }
    }

    @Test
    void missingUserAgentsGiveUnknownFields() {
        assertThat(parser.parse(null)).isEqualTo(UserAgentInfo.UNKNOWN);
        assertThat(parser.parse("  ")).isEqualTo(UserAgentInfo.UNKNOWN);
        assertThat(parser.isBot(null, null)).isFalse();
        UserAgentInfo curl = parser.parse("curl/7.88.1");
        assertThat(curl.app()).isEqualTo(new UserAgentInfo.App("browser", "curl", "7.88.1", false));
        assertThat(curl.os()).isEqualTo(new UserAgentInfo.Os("Other", ""));
        assertThat(curl.device().type()).isNull();
    }

    @Test
    void deviceFamiliesAgreeWithUapJava() {
        ua_parser.Parser reference = new ua_parser.Parser();
        for (String userAgent : List.of(CHROME_WINDOWS, IPHONE_SAFARI, IPAD, ANDROID_PHONE, ANDROID_TABLET, MAC_SAFARI,
                GOOGLEBOT, GOOGLEBOT_SMARTPHONE, BINGBOT, HEADLESS_CHROME, OUTLOOK,
                "Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/534.30 (KHTML, like Gecko) "
                        + "Version/4.0 Safari/534.30 Silk/3.4")) {
            assertThat(parser.parse(userAgent).device().name()).as(userAgent)
                    .isEqualTo(reference.parseDevice(userAgent).family);
        }
    }

    @Test
    void theCacheIsBoundedAndLeastRecentlyUsedGoesFirst() {
        UserAgentParser small = new UserAgentParser(3);
        small.parse("agent/1");
        small.parse("agent/2");
        small.parse("agent/3");
        UserAgentInfo first = small.parse("agent/1");
        small.parse("agent/4");
        assertThat(small.cached()).isEqualTo(3);
        assertThat(small.parse("agent/1")).isSameAs(first);
        assertThat(small.cached()).isEqualTo(3);
        String huge = "Mozilla/5.0 " + "x".repeat(100_000);
        assertThat(small.parse(huge).app().name()).isEqualTo("Other");
    }

    /** The user agents of the tracardi-js capture: request headers and the context the tracker sent. */
    private static Set<String> capturedUserAgents() throws Exception {
        Path capture = TestStack.REPO.resolveSibling("shared").resolve("fixtures/tracardi/js_tracker_capture.jsonl");
        Set<String> agents = new LinkedHashSet<>();
        if (!Files.isRegularFile(capture)) {
            agents.add(CAPTURED);
            return agents;
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(capture)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = json.readTree(line);
            String header = request.path("headers").path("User-Agent").asText("");
            if (header.startsWith("Mozilla/")) {
                agents.add(header);
            }
            JsonNode body = request.path("body");
            if (body.isTextual() && body.asText().startsWith("{")) {
                body = json.readTree(body.asText());
            }
            String context = body.path("context").path("browser").path("local").path("browser").path("userAgent").asText("");
            if (!context.isEmpty()) {
                agents.add(context);
            }
        }
        assertThat(agents).isNotEmpty();
        return agents;
    }
}
