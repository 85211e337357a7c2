package org.opencdp.server.bench;

/** The benchmarks' knobs come from the environment ({@code bin/bench} passes them on); a blank one is unset. */
final class BenchEnv {

    private BenchEnv() {
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)).trim());
    }

    static String string(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
