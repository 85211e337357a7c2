package org.opencdp.server.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 9);
    }

    private final CredentialCipher cipher = new CredentialCipher(KEY);

    @Test
    void aValueRoundTripsAndEachSealUsesAFreshNonce() {
        String first = cipher.encrypt("{\"password\":\"p\"}", "r1/production");
        String second = cipher.encrypt("{\"password\":\"p\"}", "r1/production");
        assertThat(first).startsWith("aesgcm:v1:").doesNotContain("password").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "r1/production")).isEqualTo("{\"password\":\"p\"}");
        assertThat(CredentialCipher.isEncrypted(first)).isTrue();
        assertThat(CredentialCipher.isEncrypted("{}")).isFalse();
    }

    @Test
    void aValueDoesNotOpenElsewhereWithAnotherKeyOrTampered() {
        String sealed = cipher.encrypt("secret", "r1/production");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "r1/test")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new CredentialCipher(OTHER_KEY).decrypt(sealed, "r1/production"))
                .isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(CredentialCipher.PREFIX.length()));
        raw[raw.length - 1] ^= 1;
        String tampered = CredentialCipher.PREFIX + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "r1/production")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(CredentialCipher.PREFIX + "AAAA", "r1/production"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CredentialCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServiceSealsBothCredentialSetsAndOpensThemAgain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ResourceService service = new ResourceService(null, cipher, json);
        ObjectNode doc = ResourceService.normalize((ObjectNode) json.readTree(
                "{\"id\":\" R1 \",\"type\":\"api\",\"config\":{\"token\":\"t\"},\"tags\":\"one\"}"));
        assertThat(doc.path("id").asText()).isEqualTo("r1");
        assertThat(doc.path("tags").toString()).isEqualTo("[\"one\"]");
        assertThat(doc.has("config")).isFalse();
        ObjectNode sealed = service.seal(doc);
        assertThat(sealed.path("credentials").path("production").asText()).startsWith("aesgcm:v1:");
        assertThat(sealed.toString()).doesNotContain("\"t\"");
        assertThat(doc.path("credentials").path("production").path("token").asText()).isEqualTo("t");
        ObjectNode opened = service.open(sealed);
        assertThat(opened.path("credentials").path("test")).isEqualTo(json.readTree("{\"token\":\"t\"}"));
    }
}
