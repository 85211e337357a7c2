package org.opencdp.server.enrichment;

/**
 * What a user-agent string says about the visitor's system (processing §6.1), shaped as the session's
 * {@code os}, {@code device} and {@code app} sub-objects. The session builder copies these fields and lets
 * {@code context.device.{name,brand,model,type}} override the device ones.
 */
public record UserAgentInfo(Os os, Device device, App app) {

    /** The answer for a request without any user agent: nothing is known, and it is not a bot. */
    public static final UserAgentInfo UNKNOWN = new UserAgentInfo(new Os(null, null),
            new Device(null, null, null, null, false), new App(App.BROWSER, null, null, false));

    /**
     * {@code session.os}. {@code version} joins the parsed major, minor and patch numbers with dots, as
     * Python's {@code user_agents} {@code version_string} does ({@code ""} when the user agent names none).
     */
    public record Os(String name, String version) {
    }

    /**
     * {@code session.device}: the ua-parser device family, brand and model, the device type ({@code mobile},
     * {@code pc}, {@code tablet}, {@code email} or {@code null}) and whether the device has a touch screen.
     */
    public record Device(String name, String brand, String model, String type, boolean touch) {
        public static final String MOBILE = "mobile";
        public static final String PC = "pc";
        public static final String TABLET = "tablet";
        public static final String EMAIL = "email";
    }

    /** {@code session.app}: always of type {@code browser}; the browser family, its version and the bot flag. */
    public record App(String type, String name, String version, boolean bot) {
        public static final String BROWSER = "browser";
    }
}
