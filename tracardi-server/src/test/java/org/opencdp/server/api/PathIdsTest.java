package org.opencdp.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathIdsTest {

    @Test
    void idsAreTrimmedAndKeepTheirCase() {
        assertThat(PathIds.clean("  Abc-1 ")).contains("Abc-1");
    }

    @Test
    void idsNoDocumentCanHaveAreAbsent() {
        assertThat(PathIds.clean(null)).isEmpty();
        assertThat(PathIds.clean("   ")).isEmpty();
        assertThat(PathIds.clean("a\u0000b")).isEmpty();
        assertThat(PathIds.clean("x".repeat(513))).isEmpty();
        assertThat(PathIds.clean("x".repeat(512))).isPresent();
        assertThat(PathIds.clean("ż".repeat(300))).as("512 bytes, not characters").isEmpty();
    }

    @Test
    void integerParametersAreCheckedWithTheirName() {
        assertThat(InvalidParameterException.intParam("limit", null, 7, 1, 10)).isEqualTo(7);
        assertThat(InvalidParameterException.intParam("limit", " 3 ", 7, 1, 10)).isEqualTo(3);
        assertThatThrownBy(() -> InvalidParameterException.intParam("limit", "abc", 7, 1, 10))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> InvalidParameterException.intParam("limit", "11", 7, 1, 10))
                .hasMessageContaining("between 1 and 10");
    }
}
