package org.opencdp.server.collector.track;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.http.ErrorBody;
import org.opencdp.server.source.SourcesUnavailableException;

class BackendUnavailableMappersTest {

    @Test
    void mysqlDownDuringTheSourceLookupIs503WithRetryAfter() {
        Response response = new BackendUnavailableMappers.Sources()
                .toResponse(new SourcesUnavailableException("event sources unavailable", new RuntimeException("refused")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("Server busy, retry later"));
    }
}
