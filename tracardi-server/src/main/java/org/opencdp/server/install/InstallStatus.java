package org.opencdp.server.install;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /install} (private-api §5.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallStatus(@JsonProperty("schema_ok") boolean schemaOk, @JsonProperty("admin_ok") boolean adminOk,
                            @JsonProperty("form_ok") boolean formOk, @JsonProperty("warning") String warning) {
}
