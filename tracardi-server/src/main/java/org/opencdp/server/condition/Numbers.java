package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;

/** Number literals as JSON: whole numbers as integers, so {@code 100} never travels as {@code 1E+2}. */
final class Numbers {

    private Numbers() {
    }

    static JsonNode node(BigDecimal value) {
        if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
            try {
                return LongNode.valueOf(value.longValueExact());
            } catch (ArithmeticException tooLarge) {
                // Falls through to the exact decimal.
            }
        }
        return DecimalNode.valueOf(value);
    }
}
