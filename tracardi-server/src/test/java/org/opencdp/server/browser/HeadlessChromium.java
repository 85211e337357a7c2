package org.opencdp.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM_BIN}), driven over the DevTools
 * protocol with the JDK's WebSocket client: no WebDriver, no downloaded browser. One browser with a fresh
 * profile folder and one page; every protocol event the page emits is kept for the test to inspect.
 * Every wait is bounded.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path profileDir;
    private final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;

    private HeadlessChromium(Path profileDir) throws IOException {
        this.profileDir = profileDir;
        this.log = profileDir.resolveSibling(profileDir.getFileName() + ".log");
        List<String> command = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDir, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts the browser with a new, empty profile and connects to its first page. */
    static HeadlessChromium start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium (bin/test-all does, "
                    + "with apt-get install --no-install-recommends chromium)");
        }
        Path base = Files.createTempDirectory("opencdp-chromium-");
        HeadlessChromium browser = new HeadlessChromium(base.resolve("profile"));
        try {
            browser.connect();
            return browser;
        } catch (Exception | Error e) {
            String output = browser.output();
            browser.close();
            throw new IllegalStateException("headless Chromium did not start; its output:\n" + output, e);
        }
    }

    private void connect() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path activePort = profileDir.resolve("DevToolsActivePort");
        String pageSocket = null;
        while (pageSocket == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no DevTools page after " + START_TIMEOUT.toSeconds() + " s");
            }
            if (Files.isRegularFile(activePort)) {
                List<String> lines = Files.readAllLines(activePort);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    pageSocket = pageSocket(Integer.parseInt(lines.get(0).strip()));
                }
            }
            if (pageSocket == null) {
                Thread.sleep(100);
            }
        }
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(pageSocket), new Listener()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private String pageSocket(int port) {
        try {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(list.body())) {
                if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                    return target.get("webSocketDebuggerUrl").asText();
                }
            }
        } catch (IOException e) {
            // Not listening yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Sends one DevTools command and answers its {@code result}. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        synchronized (this) {
            socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        JsonNode reply;
        try {
            reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pending.remove(id);
        }
        if (reply.has("error")) {
            throw new DevToolsError(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    JsonNode call(String method) throws Exception {
        return call(method, null);
    }

    /** Starts loading a URL (in the same page, so its origin's storage is shared between loads). */
    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", JSON.createObjectNode().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText").asText());
        }
    }

    /** Evaluates an expression in the page and answers its value (JSON-serialisable results only). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new DevToolsError("evaluation failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Evaluates {@code expression} every 100 ms until {@code done} accepts its value, for at most
     * {@code timeout}; evaluations that fail while a navigation replaces the document are retried.
     */
    JsonNode waitFor(String expression, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        String lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = evaluate(expression);
                if (done.test(last)) {
                    return last;
                }
            } catch (DevToolsError e) {
                lastError = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("after " + timeout.toSeconds() + " s the page still shows " + last
                + (lastError == null ? "" : " (last error: " + lastError + ")") + "; console and errors: " + consoleAndErrors());
    }

    /** Every protocol event received so far, in order. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    List<JsonNode> events(String method) {
        return events.stream().filter(event -> method.equals(event.path("method").asText()))
                .map(event -> event.path("params")).toList();
    }

    /** Uncaught exceptions, console messages and browser log entries, for failure messages. */
    List<String> consoleAndErrors() {
        List<String> lines = new ArrayList<>();
        for (JsonNode event : events) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> lines.add("exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> lines.add("console." + params.path("type").asText() + ": " + params.path("args"));
                case "Log.entryAdded" -> lines.add("log " + params.path("entry").path("level").asText() + ": "
                        + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText(""));
                default -> { }
            }
        }
        return lines;
    }

    String output() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Chromium's helper processes normally exit with the browser; any left over were started by it.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        Path base = profileDir.getParent();
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp folder.
        }
    }

    static final class DevToolsError extends Exception {
        DevToolsError(String message) {
            super(message);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "invalid").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            pending.values().forEach(answer -> answer.completeExceptionally(
                    new ExecutionException(new IOException("DevTools connection closed: " + statusCode + " " + reason))));
            return null;
        }
    }
}
