package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.profile.ProfileDocument;

/**
 * Keeps the hashed ids of a profile's merging keys in {@code ids} (processing §9, §7.3): after a batch's mappings,
 * every merging-key field holding a non-blank value (a scalar, or each scalar of a list) has its hash
 * ({@link HashedIds}: trimmed, lower-cased, salted, D37) among the ids. Hashes are only added, so an identifier
 * that changed keeps finding the person by its old hash; a profile loaded with a key but without its hash gets it
 * on its next batch.
 */
final class MergingKeyIds {

    /** Hashing switched off ({@code identity.hashedIds: false}). */
    static final MergingKeyIds OFF = new MergingKeyIds(null);

    private final HashedIds hashes;

    MergingKeyIds(HashedIds hashes) {
        this.hashes = hashes;
    }

    /** Adds the missing hashes; returns whether {@code ids} changed. */
    boolean apply(ProfileDocument profile) {
        if (hashes == null) {
            return false;
        }
        boolean added = false;
        for (String field : HashedIds.MERGING_KEYS.keySet()) {
            JsonNode value = DotPath.get(profile.json(), field).orElse(null);
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    added |= add(profile, field, element);
                }
            } else {
                added |= add(profile, field, value);
            }
        }
        return added;
    }

    private boolean add(ProfileDocument profile, String field, JsonNode value) {
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            return false;
        }
        return hashes.hash(field, value.asText()).map(profile::addId).orElse(false);
    }
}
