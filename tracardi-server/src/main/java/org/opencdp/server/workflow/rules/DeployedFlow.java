package org.opencdp.server.workflow.rules;

import com.fasterxml.jackson.databind.JsonNode;

/** A flow's production graph and the row version it was read at (the compiled-flow cache key). */
public record DeployedFlow(String id, String name, long version, JsonNode production) {
}
