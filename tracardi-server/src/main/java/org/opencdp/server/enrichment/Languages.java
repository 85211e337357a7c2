package org.opencdp.server.enrichment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spoken languages from an {@code Accept-Language} header (collector-api §3.5): the two-letter codes in
 * the header's order of preference, and their English names.
 */
public final class Languages {

    private Languages() {
    }

    /** The distinct two-letter language codes, most preferred first; malformed entries are skipped. */
    public static List<String> codes(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage.length() > 512 ? acceptLanguage.substring(0, 512) : acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Locale.LanguageRange range : ranges) {
            String tag = range.getRange();
            String code = tag.split("-")[0].toLowerCase(Locale.ROOT);
            if (code.length() == 2 && code.chars().allMatch(Character::isLetter)) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    /** English names of language codes ({@code pl} → {@code Polish}); unknown codes are left out. */
    public static List<String> names(List<String> codes) {
        List<String> names = new ArrayList<>();
        for (String code : codes) {
            String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
            if (!name.isBlank() && !name.equalsIgnoreCase(code)) {
                names.add(name);
            }
        }
        return names;
    }
}
