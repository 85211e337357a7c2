package org.opencdp.server.system;

/** One effective setting under its Tracardi env name, as {@code /settings} lists it. */
public record Setting(String label, Object value, String desc, boolean expose) {
}
