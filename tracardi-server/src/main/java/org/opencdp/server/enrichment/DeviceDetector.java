package org.opencdp.server.enrichment;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The device part of ua-parser with brand and model. uap-java's own {@code Device} only carries the family,
 * so this reads the same {@code device_parsers} list from the regexes file that uap-java ships and applies
 * the ua-parser specification: the first pattern that matches wins; {@code $1}…{@code $9} in a replacement
 * take the groups (a missing group is empty); a replacement is trimmed and an empty result means "none".
 * Without a replacement the family and the model are group 1, the brand is none. No match gives the family
 * {@code Other}. The family rules are uap-java's, so {@link #detect} agrees with {@code Parser.parseDevice}.
 */
final class DeviceDetector {

    static final String OTHER = "Other";
    private static final String REGEXES = "/ua_parser/regexes.yaml";
    private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$(\\d)");

    /** A parsed device: the family is never null, brand and model may be. */
    record Result(String family, String brand, String model) {
    }

    private record Rule(Pattern pattern, String familyReplacement, String brandReplacement, String modelReplacement) {
    }

    private final List<Rule> rules;

    private DeviceDetector(List<Rule> rules) {
        this.rules = rules;
    }

    static DeviceDetector load() {
        try (InputStream in = DeviceDetector.class.getResourceAsStream(REGEXES)) {
            if (in == null) {
                throw new IllegalStateException("ua-parser regexes " + REGEXES + " are not on the class path");
            }
            Yaml yaml = new Yaml(new SafeConstructor(ua_parser.Parser.getDefaultLoaderOptions()));
            Map<?, ?> document = yaml.load(in);
            List<?> entries = (List<?>) document.get("device_parsers");
            List<Rule> rules = new ArrayList<>(entries.size());
            for (Object entry : entries) {
                Map<?, ?> map = (Map<?, ?>) entry;
                String regex = (String) map.get("regex");
                int flags = "i".equals(map.get("regex_flag")) ? Pattern.CASE_INSENSITIVE : 0;
                rules.add(new Rule(Pattern.compile(regex, flags), (String) map.get("device_replacement"),
                        (String) map.get("brand_replacement"), (String) map.get("model_replacement")));
            }
            return new DeviceDetector(List.copyOf(rules));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read ua-parser regexes " + REGEXES, e);
        }
    }

    Result detect(String userAgent) {
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(userAgent);
            if (!matcher.find()) {
                continue;
            }
            String family = rule.familyReplacement() != null ? replace(rule.familyReplacement(), matcher) : group1(matcher);
            if (family == null) {
                // uap-java goes on with the next pattern when a match yields no family; so do we.
                continue;
            }
            String brand = rule.brandReplacement() != null ? replace(rule.brandReplacement(), matcher) : null;
            String model = rule.modelReplacement() != null ? replace(rule.modelReplacement(), matcher) : group1(matcher);
            return new Result(family, brand, model);
        }
        return new Result(OTHER, null, null);
    }

    private static String group1(Matcher matcher) {
        return matcher.groupCount() >= 1 ? blankToNull(matcher.group(1)) : null;
    }

    private static String replace(String replacement, Matcher matcher) {
        if (replacement.indexOf('$') < 0) {
            return blankToNull(replacement);
        }
        Matcher reference = GROUP_REFERENCE.matcher(replacement);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            int group = reference.group(1).charAt(0) - '0';
            String value = group >= 1 && group <= matcher.groupCount() ? matcher.group(group) : null;
            reference.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        reference.appendTail(out);
        return blankToNull(out.toString());
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
