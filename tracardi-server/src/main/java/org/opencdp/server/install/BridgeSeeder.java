package org.opencdp.server.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.Tenant;

/** Seeds the read-only bridge catalogue of a tenant (domain-model §5). */
public final class BridgeSeeder {

    /** A built-in bridge. */
    public record Bridge(String id, String name, String type, String description) {
    }

    public static final List<Bridge> BUILT_IN = List.of(
            new Bridge("778ded05-4ff3-4e08-9a86-72c0195fa95d", "REST API Bridge", "rest",
                    "Collects events posted to /track by the JavaScript tracker and the SDKs."),
            new Bridge("3d8bb87e-28d1-4a38-b19c-d0c1fbb71e22", "Webhook API Bridge", "webhook",
                    "Collects events sent to /collect/{event_type}/{source_id} by other systems."),
            new Bridge("a495159f-91be-476d-a4e5-1b2d7e005403", "Redirect URL Bridge", "redirect",
                    "Registers an event and redirects the visitor through /redirect/{id}."));

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public BridgeSeeder(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Inserts the bridges the tenant lacks; returns how many were added. */
    public int seed(Tenant tenant) {
        int added = 0;
        for (Bridge bridge : BUILT_IN) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", bridge.id());
            document.put("name", bridge.name());
            document.put("description", bridge.description());
            document.put("type", bridge.type());
            document.put("config", Map.of());
            document.put("form", null);
            document.put("manual", null);
            String data;
            try {
                data = json.writeValueAsString(document);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            added += jdbi.inTransaction(handle -> handle.createUpdate(
                            "INSERT IGNORE INTO bridge (tenant, id, name, type, data) VALUES (:tenant, :id, :name, :type, :data)")
                    .bind("tenant", tenant.name())
                    .bind("id", bridge.id())
                    .bind("name", bridge.name())
                    .bind("type", bridge.type())
                    .bind("data", data)
                    .execute());
        }
        return added;
    }
}
