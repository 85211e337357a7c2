package org.opencdp.server.storage.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigColumnTest {

    @Test
    void valuesAreCutToTheColumnAndNullsFollowTheKind() {
        ConfigColumn<Map<String, Object>> name = ConfigColumn.requiredText("name", 3, m -> m.get("name"));
        ConfigColumn<Map<String, Object>> ref = ConfigColumn.text("ref", 3, m -> m.get("ref"));
        ConfigColumn<Map<String, Object>> flag = ConfigColumn.flag("enabled", m -> (Boolean) m.get("enabled"));
        assertThat(name.extract(Map.of("name", "abcdef"))).isEqualTo("abc");
        assertThat(name.extract(Map.of())).isEqualTo("");
        assertThat(ref.extract(Map.of())).isNull();
        assertThat(flag.extract(Map.of())).isEqualTo(false);
        assertThat(ConfigColumn.<Map<String, Object>>number("progress", m -> 1.5f).extract(Map.of())).isEqualTo(1.5);
        assertThatThrownBy(() -> ConfigColumn.text("bad name; drop", 1, m -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
