package org.opencdp.server.enrichment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * Parses user agents with uap-java (the Java port of ua-parser) into the session's {@code os}, {@code device}
 * and {@code app} fields (processing §6.1) and decides whether a request comes from a bot (collector §10.2).
 *
 * <p>Parsing runs a few hundred regular expressions, so results are kept in an LRU cache of
 * {@value #CACHE_SIZE} entries (operations §4.3). Strings longer than {@value #MAX_LENGTH} characters are
 * cut to that length first: ua-parser's patterns only look at the start, and the cut bounds the work and the
 * memory an attacker can make us spend. One instance is meant to be shared; it is thread-safe.
 *
 * <p>Bots: the device family {@code Spider}, or the header {@code from: googlebot(at)googlebot.com}.
 * Headless browsers (HeadlessChrome, Playwright, Puppeteer) are never bots, because the browser acceptance
 * tests drive the tracker with them: uap-core does not classify them as spiders today, and a user agent that
 * names one of them is exempt unless its browser family is itself a crawler's (e.g. "…HeadlessChrome…
 * Googlebot/2.1" stays a bot).
 */
public final class UserAgentParser {

    public static final int CACHE_SIZE = 10_000;
    public static final int MAX_LENGTH = 1024;
    static final String SPIDER = "Spider";
    private static final String GOOGLEBOT_FROM = "googlebot(at)googlebot.com";
    private static final Pattern HEADLESS = Pattern.compile("HeadlessChrome|Playwright|Puppeteer", Pattern.CASE_INSENSITIVE);
    private static final Pattern CRAWLER_FAMILY = Pattern.compile("bot|spider|crawl|slurp|fetch", Pattern.CASE_INSENSITIVE);

    private final Parser parser;
    private final DeviceDetector devices;
    private final Map<String, UserAgentInfo> cache;

    public UserAgentParser() {
        this(CACHE_SIZE);
    }

    UserAgentParser(int cacheSize) {
        this.parser = new Parser();
        this.devices = DeviceDetector.load();
        this.cache = new LinkedHashMap<>(Math.min(cacheSize, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UserAgentInfo> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * The os, device and app fields of a user agent; {@link UserAgentInfo#UNKNOWN} when there is none.
     * {@code app.bot} here reflects the user agent only; {@link #isBot} also looks at the {@code from} header.
     */
    public UserAgentInfo parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UserAgentInfo.UNKNOWN;
        }
        String key = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
        synchronized (cache) {
            UserAgentInfo cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Parsed outside the lock: two threads may parse the same string at once, which is harmless.
        UserAgentInfo parsed = parseUncached(key);
        synchronized (cache) {
            cache.put(key, parsed);
        }
        return parsed;
    }

    /** Whether the request is bot traffic (collector §10.2); both arguments may be null. */
    public boolean isBot(String userAgent, String fromHeader) {
        if (fromHeader != null && fromHeader.trim().equalsIgnoreCase(GOOGLEBOT_FROM)) {
            return true;
        }
        return parse(userAgent).app().bot();
    }

    /** How many parsed user agents the cache holds, for tests and metrics. */
    public int cached() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private UserAgentInfo parseUncached(String userAgent) {
        UserAgent browser = parser.parseUserAgent(userAgent);
        OS os = parser.parseOS(userAgent);
        DeviceDetector.Result device = devices.detect(userAgent);

        String browserFamily = familyOrOther(browser == null ? null : browser.family);
        String osFamily = familyOrOther(os == null ? null : os.family);
        String osVersion = os == null ? "" : version(os.major, os.minor, os.patch);
        String browserVersion = browser == null ? "" : version(browser.major, browser.minor, browser.patch);

        DeviceClassifier.Parts parts = new DeviceClassifier.Parts(userAgent, browserFamily, osFamily, osVersion, device.family());
        boolean bot = SPIDER.equals(device.family()) && !(HEADLESS.matcher(userAgent).find()
                && !CRAWLER_FAMILY.matcher(browserFamily).find());
        return new UserAgentInfo(
                new UserAgentInfo.Os(osFamily, osVersion),
                new UserAgentInfo.Device(device.family(), device.brand(), device.model(), DeviceClassifier.type(parts),
                        DeviceClassifier.isTouch(parts)),
                new UserAgentInfo.App(UserAgentInfo.App.BROWSER, browserFamily, browserVersion, bot));
    }

    private static String familyOrOther(String family) {
        return family == null || family.isBlank() ? DeviceDetector.OTHER : family;
    }

    /** The parts that are present, joined with dots, like {@code user_agents}' {@code version_string}. */
    static String version(String major, String minor, String patch) {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {major, minor, patch}) {
            if (part != null && !part.isEmpty()) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "UserAgentParser[cached=" + cached() + "]";
    }
}
