package org.opencdp.server.condition.ast;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators; {@code =} is a synonym of {@code ==}, {@code =>} of {@code >=} and {@code =<} of {@code <=}. */
public enum Comparator {
    EQUAL("=="),
    NOT_EQUAL("!="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    /** The canonical spelling. */
    public String symbol() {
        return symbol;
    }

    /** Whether this operator orders its operands ({@code < <= > >=}). */
    public boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /** The operator of a spelling, synonyms included. */
    public static Optional<Comparator> ofSymbol(String symbol) {
        return Optional.ofNullable(switch (symbol.toLowerCase(Locale.ROOT)) {
            case "==", "=" -> EQUAL;
            case "!=" -> NOT_EQUAL;
            case ">" -> GREATER;
            case ">=", "=>" -> GREATER_OR_EQUAL;
            case "<" -> LESS;
            case "<=", "=<" -> LESS_OR_EQUAL;
            default -> null;
        });
    }
}
