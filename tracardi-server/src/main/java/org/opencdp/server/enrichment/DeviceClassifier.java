package org.opencdp.server.enrichment;

import java.util.Set;

/**
 * The device-type and touch heuristics that Tracardi gets from the Python {@code user_agents} package
 * (2.2), re-stated over the ua-parser families. Tracardi asks, in this order, "mobile?", "pc?", "tablet?",
 * "e-mail client?" and takes the first yes; a user agent that answers no to all has no type.
 *
 * <ul>
 *   <li><b>tablet</b>: device family iPad, Kindle (Fire/HD), Galaxy Tab, Xoom, Dell Streak or BlackBerry
 *       Playbook; Android without "Mobile Safari" in the string (newer Android tablets drop "Mobile"),
 *       unless the browser is Firefox Mobile; Windows RT; Firefox OS with a non-mobile browser.</li>
 *   <li><b>mobile</b>: device family iPhone, iPod, Generic Smartphone / Feature Phone, PlayStation Vita,
 *       iOS-Device; a mobile browser (IE Mobile, Opera Mobile/Mini, Chrome Mobile, its WebView and iOS
 *       variants); Android or Firefox OS that is not a tablet; BlackBerry OS except the Playbook; a mobile
 *       OS (Windows Phone, Symbian, Bada, Windows CE/Mobile, Maemo); J2ME/MIDP, "iPhone;",
 *       Googlebot-Mobile, NokiaBrowser…Mobile in the string; a spider whose browser family says Mobile.</li>
 *   <li><b>pc</b>: "Windows NT" in the string, Windows 95/98/ME, Solaris; Mac OS X (but not Amazon
 *       Silk); Chrome OS; "Linux" together with "X11" (but not Maemo).</li>
 *   <li><b>email</b>: the browser family is a mail program (Outlook, Thunderbird, Apple Mail, …).</li>
 *   <li><b>touch</b>: iOS, Android, Windows Phone/CE/Mobile, Firefox OS, MeeGo; Kindle Fire and the
 *       Playbook; Windows RT/CE, Windows 8 with "Touch"; BlackBerry 95xx/99xx.</li>
 * </ul>
 *
 * Because mobile is asked first, an Android phone is {@code mobile} and an iPad is {@code tablet} (its OS
 * is iOS, not Mac OS X, so it is not a pc either).
 */
final class DeviceClassifier {

    private static final Set<String> MOBILE_DEVICE_FAMILIES = Set.of("iPhone", "iPod", "Generic Smartphone",
            "Generic Feature Phone", "PlayStation Vita", "iOS-Device");
    private static final Set<String> PC_OS_FAMILIES = Set.of("Windows 95", "Windows 98", "Solaris");
    private static final Set<String> MOBILE_OS_FAMILIES = Set.of("Windows Phone", "Windows Phone OS", "Symbian OS",
            "Bada", "Windows CE", "Windows Mobile", "Maemo");
    private static final Set<String> MOBILE_BROWSER_FAMILIES = Set.of("IE Mobile", "Opera Mobile", "Opera Mini",
            "Chrome Mobile", "Chrome Mobile WebView", "Chrome Mobile iOS");
    private static final Set<String> TABLET_DEVICE_FAMILIES = Set.of("iPad", "BlackBerry Playbook",
            "Blackberry Playbook", "Kindle", "Kindle Fire", "Kindle Fire HD", "Galaxy Tab", "Xoom", "Dell Streak");
    private static final Set<String> TOUCH_OS_FAMILIES = Set.of("iOS", "Android", "Windows Phone", "Windows CE",
            "Windows Mobile", "Firefox OS", "MeeGo");
    private static final Set<String> TOUCH_DEVICE_FAMILIES = Set.of("BlackBerry Playbook", "Blackberry Playbook",
            "Kindle Fire");
    private static final Set<String> EMAIL_PROGRAM_FAMILIES = Set.of("Outlook", "Windows Live Mail", "AirMail",
            "Apple Mail", "Thunderbird", "Lightning", "ThunderBrowse", "The Bat!", "Lotus Notes", "IBM Notes",
            "Barca", "MailBar", "kmail2", "YahooMobileMail");

    /** The parsed parts the heuristics look at; families are never null ("Other" when unknown). */
    record Parts(String userAgent, String browserFamily, String osFamily, String osVersion, String deviceFamily) {
    }

    private DeviceClassifier() {
    }

    /** {@code mobile}, {@code pc}, {@code tablet}, {@code email} or null, tested in that order. */
    static String type(Parts parts) {
        if (isMobile(parts)) {
            return UserAgentInfo.Device.MOBILE;
        }
        if (isPc(parts)) {
            return UserAgentInfo.Device.PC;
        }
        if (isTablet(parts)) {
            return UserAgentInfo.Device.TABLET;
        }
        if (EMAIL_PROGRAM_FAMILIES.contains(parts.browserFamily())) {
            return UserAgentInfo.Device.EMAIL;
        }
        return null;
    }

    static boolean isTablet(Parts parts) {
        String os = parts.osFamily();
        if (TABLET_DEVICE_FAMILIES.contains(parts.deviceFamily())) {
            return true;
        }
        if (os.equals("Android") && !parts.userAgent().contains("Mobile Safari")
                && !parts.browserFamily().equals("Firefox Mobile")) {
            return true;
        }
        if (os.equals("Windows") && parts.osVersion().startsWith("RT")) {
            return true;
        }
        return os.equals("Firefox OS") && !parts.browserFamily().contains("Mobile");
    }

    static boolean isMobile(Parts parts) {
        String ua = parts.userAgent();
        String os = parts.osFamily();
        String device = parts.deviceFamily();
        if (MOBILE_DEVICE_FAMILIES.contains(device) || MOBILE_BROWSER_FAMILIES.contains(parts.browserFamily())) {
            return true;
        }
        if ((os.equals("Android") || os.equals("Firefox OS")) && !isTablet(parts)) {
            return true;
        }
        if (os.equals("BlackBerry OS") && !device.equals("Blackberry Playbook")) {
            return true;
        }
        if (MOBILE_OS_FAMILIES.contains(os)) {
            return true;
        }
        if (ua.contains("J2ME") || ua.contains("MIDP") || ua.contains("iPhone;") || ua.contains("Googlebot-Mobile")) {
            return true;
        }
        if (device.equals("Spider") && parts.browserFamily().contains("Mobile")) {
            return true;
        }
        return ua.contains("NokiaBrowser") && ua.contains("Mobile");
    }

    static boolean isPc(Parts parts) {
        String ua = parts.userAgent();
        String os = parts.osFamily();
        if (ua.contains("Windows NT") || PC_OS_FAMILIES.contains(os) || (os.equals("Windows") && parts.osVersion().equals("ME"))) {
            return true;
        }
        if (os.equals("Mac OS X") && !ua.contains("Silk")) {
            return true;
        }
        if (ua.contains("Maemo")) {
            return false;
        }
        return os.contains("Chrome OS") || (ua.contains("Linux") && ua.contains("X11"));
    }

    static boolean isTouch(Parts parts) {
        String os = parts.osFamily();
        String device = parts.deviceFamily();
        if (TOUCH_OS_FAMILIES.contains(os) || TOUCH_DEVICE_FAMILIES.contains(device)) {
            return true;
        }
        if (os.equals("Windows")) {
            String version = parts.osVersion();
            if (version.startsWith("RT") || version.startsWith("CE")
                    || (version.startsWith("8") && parts.userAgent().contains("Touch"))) {
                return true;
            }
        }
        return os.contains("BlackBerry") && (device.contains("Blackberry 99") || device.contains("Blackberry 95"));
    }
}
