package org.opencdp.server.collector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Named string fields of a webhook request (collector-api §5): a query string, an
 * {@code application/x-www-form-urlencoded} body or the fields of a {@code multipart/form-data} body. A field
 * given once becomes a string, a repeated one a list of strings in the order given
 * ({@code a=1&b=x&b=y} → {@code {"a":"1","b":["x","y"]}}). Nothing here throws on malformed input: what
 * cannot be read is kept as it is (bad percent escapes) or skipped (broken multipart parts).
 */
final class FormFields {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode fields = NODES.objectNode();

    private FormFields() {
    }

    /**
     * Reads {@code name=value} pairs separated by {@code &}, as Starlette does ({@code parse_qsl} with blank
     * values kept; {@code ;} is not a separator): {@code +} is a space, a pair without {@code =} is a name with
     * the value {@code ""}, empty pairs are skipped.
     */
    static ObjectNode urlEncoded(String text, Charset charset) {
        FormFields form = new FormFields();
        if (text == null || text.isEmpty()) {
            return form.fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.add(decode(name, charset), decode(value, charset));
        }
        return form.fields;
    }

    /**
     * The fields of a {@code multipart/form-data} body; parts with a {@code filename} (files) are ignored. A body
     * without the boundary of its content type yields no fields.
     */
    static ObjectNode multipart(byte[] body, String boundary) {
        FormFields form = new FormFields();
        if (boundary == null || boundary.isEmpty()) {
            return form.fields;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int afterDelimiter = start + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                break; // the closing delimiter
            }
            int next = indexOf(body, delimiter, afterDelimiter);
            if (next < 0) {
                break; // an unterminated part is not trusted
            }
            form.part(body, skipLineEnd(body, afterDelimiter), stripLineEnd(body, next));
            start = next;
        }
        return form.fields;
    }

    /** The value of the {@code boundary} parameter of a multipart content type, or null. */
    static String boundary(String contentType) {
        String value = parameter(contentType, "boundary");
        return value == null || value.isEmpty() ? null : value;
    }

    /** The {@code charset} of a content type, or UTF-8 when missing or unknown. */
    static Charset charset(String contentType) {
        String name = parameter(contentType, "charset");
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                // an unknown or illegal charset name: the default
            }
        }
        return StandardCharsets.UTF_8;
    }

    private void part(byte[] body, int from, int to) {
        if (from >= to) {
            return;
        }
        int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, from);
        int separator = 4;
        int lf = indexOf(body, new byte[] {'\n', '\n'}, from);
        if (lf >= 0 && (headersEnd < 0 || lf < headersEnd)) {
            headersEnd = lf;
            separator = 2;
        }
        if (headersEnd < 0 || headersEnd > to) {
            return;
        }
        String headers = new String(body, from, headersEnd - from, StandardCharsets.UTF_8);
        String name = null;
        boolean file = false;
        Charset charset = StandardCharsets.UTF_8;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1);
            if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                file = parameter(value, "filename") != null || parameter(value, "filename*") != null;
            } else if (header.equals("content-type")) {
                charset = charset(value);
            }
        }
        if (name == null || file) {
            return;
        }
        int valueStart = headersEnd + separator;
        add(name, new String(body, valueStart, Math.max(0, to - valueStart), charset));
    }

    private void add(String name, String value) {
        JsonNode present = fields.get(name);
        if (present == null) {
            fields.put(name, value);
        } else if (present.isArray()) {
            ((ArrayNode) present).add(value);
        } else {
            ArrayNode list = fields.putArray(name);
            list.add(present);
            list.add(value);
        }
    }

    /**
     * Percent-decoding that never fails: {@code +} is a space, a {@code %} not followed by two hex digits is
     * kept as it is, and byte sequences invalid in the charset become U+FFFD.
     */
    static String decode(String text, Charset charset) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out, charset);
            out.append(c == '+' ? ' ' : c);
        }
        flush(bytes, out, charset);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out, Charset charset) {
        if (bytes.size() > 0) {
            out.append(new String(bytes.toByteArray(), charset));
            bytes.reset();
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** A parameter of a header value such as {@code form-data; name="a"}; quoted values are unquoted. */
    private static String parameter(String headerValue, String wanted) {
        if (headerValue == null) {
            return null;
        }
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int start = i + 1;
            int eq = headerValue.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = headerValue.substring(start, eq).trim().toLowerCase(Locale.ROOT);
            int valueStart = eq + 1;
            while (valueStart < headerValue.length() && headerValue.charAt(valueStart) == ' ') {
                valueStart++;
            }
            String value;
            int end;
            if (valueStart < headerValue.length() && headerValue.charAt(valueStart) == '"') {
                StringBuilder quoted = new StringBuilder();
                end = valueStart + 1;
                while (end < headerValue.length() && headerValue.charAt(end) != '"') {
                    char c = headerValue.charAt(end);
                    if (c == '\\' && end + 1 < headerValue.length()) {
                        c = headerValue.charAt(++end);
                    }
                    quoted.append(c);
                    end++;
                }
                value = quoted.toString();
                end = headerValue.indexOf(';', end);
            } else {
                end = headerValue.indexOf(';', valueStart);
                value = (end < 0 ? headerValue.substring(valueStart) : headerValue.substring(valueStart, end)).trim();
            }
            if (key.equals(wanted)) {
                return value;
            }
            i = end;
        }
        return null;
    }

    private static int skipLineEnd(byte[] body, int at) {
        if (at < body.length && body[at] == '\r') {
            at++;
        }
        if (at < body.length && body[at] == '\n') {
            at++;
        }
        return at;
    }

    private static int stripLineEnd(byte[] body, int delimiterAt) {
        int end = delimiterAt;
        if (end > 0 && body[end - 1] == '\n') {
            end--;
            if (end > 0 && body[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
