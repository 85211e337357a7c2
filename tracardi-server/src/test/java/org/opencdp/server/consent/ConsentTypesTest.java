package org.opencdp.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.InvalidBodyException;

class ConsentTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void theIdIsTheSlugOfTheNameAndMissingFieldsGetDefaults() throws Exception {
        ObjectNode consent = doc("{\"name\":\"Marketing E-mails\"}");
        assertThat(ConsentTypes.normalize(consent)).isEqualTo("marketing-e-mails");
        assertThat(consent.toString()).isEqualTo("{\"name\":\"Marketing E-mails\",\"id\":\"marketing-e-mails\","
                + "\"default_value\":\"deny\",\"description\":\"\",\"revokable\":false,\"enabled\":true,\"required\":false,"
                + "\"auto_revoke\":null,\"tags\":[]}");
    }

    @Test
    void durationsAndDefaultsAreCheckedInFieldOrder() throws Exception {
        for (String duration : new String[]{"15m", "12h", "30d", "2w", "1y", "90s"}) {
            ConsentTypes.normalize(doc("{\"name\":\"a\",\"revokable\":true,\"auto_revoke\":\"" + duration + "\"}"));
        }
        assertThatThrownBy(() -> ConsentTypes.normalize(doc("{\"name\":\"a\",\"default_value\":\"maybe\",\"auto_revoke\":\"soon\"}")))
                .isInstanceOfSatisfying(InvalidBodyException.class, e -> assertThat(e.problems())
                        .extracting(InvalidBodyException.Problem::field).containsExactly("default_value", "auto_revoke"));
        assertThatThrownBy(() -> ConsentTypes.normalize(doc("{\"name\":\"a\",\"revokable\":true}")))
                .isInstanceOfSatisfying(InvalidBodyException.class, e -> assertThat(e.problems().get(0).field())
                        .isEqualTo("auto_revoke"));
        assertThatThrownBy(() -> ConsentTypes.normalize(doc("{\"description\":\"no name\"}")))
                .isInstanceOf(InvalidBodyException.class);
    }
}
