package org.opencdp.server.collector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hashed ids of merging-key values (processing §9): {@code prefix + "-" + uuidFormat(md5_hex(salt + "-" +
 * value.trim().toLowerCase()))}, and the webhook's sticky session id {@code uuidFormat(md5_hex(salt + ":" +
 * profileId))}. {@code uuidFormat} only puts dashes into the 32 hex digits (8-4-4-4-12).
 */
public final class HashedIds {

    /** The merging-key profile fields and their 3-letter prefixes (processing §9). */
    public static final Map<String, String> MERGING_KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("data.identifier.pk", "ipk");
        keys.put("data.identifier.id", "iid");
        keys.put("data.contact.email.main", "emm");
        keys.put("data.contact.email.business", "emb");
        keys.put("data.contact.email.private", "emp");
        keys.put("data.contact.phone.main", "phm");
        keys.put("data.contact.phone.business", "phb");
        keys.put("data.contact.phone.mobile", "pho");
        keys.put("data.contact.phone.whatsapp", "pwa");
        MERGING_KEYS = java.util.Collections.unmodifiableMap(keys);
    }

    private final String salt;

    public HashedIds(String salt) {
        this.salt = salt == null ? "" : salt;
    }

    /** The hashed id of {@code value} written to the merging key {@code profileField}; empty for other fields. */
    public Optional<String> hash(String profileField, String value) {
        String prefix = MERGING_KEYS.get(profileField);
        if (prefix == null || value == null) {
            return Optional.empty();
        }
        return Optional.of(prefix + "-" + uuidFormat(md5Hex(salt + "-" + value.trim().toLowerCase(Locale.ROOT))));
    }

    /** The sticky session id of a webhook profile. */
    public String stickySessionId(String profileId) {
        return uuidFormat(md5Hex(salt + ":" + profileId));
    }

    static String uuidFormat(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
