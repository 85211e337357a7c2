package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.ResourceLookup;
import org.opencdp.server.workflow.plugins.connectors.SmtpDispatcherAction;

/** Send e-mail via SMTP (workflows §8) against a small SMTP server on 127.0.0.1. */
class SmtpDispatcherActionTest {

    private final FlowHarness harness = new FlowHarness();
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private SmtpSink sink;
    /** Credentials of the resource "smtp"; tests adjust them before running. */
    private ObjectNode credentials;
    private SmtpDispatcherAction plugin;

    @BeforeEach
    void start() throws Exception {
        sink = SmtpSink.start();
        credentials = FlowHarness.JSON.createObjectNode().put("smtp", "127.0.0.1").put("port", sink.port())
                .put("username", "mailer").put("password", "s3cret").put("timeout", 2).put("tls", "none");
        ResourceLookup resources = (scope, id, test) -> {
            lookups.add(id + (test ? " test" : " production"));
            return id.equals("smtp") ? Optional.of(credentials.deepCopy()) : Optional.empty();
        };
        plugin = new SmtpDispatcherAction(resources);
        ObjectNode profile = harness.profile;
        profile.withObject("data").withObject("contact").withObject("email").put("main", "anna@example.com");
        profile.withObject("traits").put("name", "Anna");
        harness.properties("{\"order\": \"A-17\", \"reply\": \"help@shop.example\", \"team\": [\"a@example.com\", \"b@example.com\"]}");
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
    }

    private static String init(String sendTo, String title, String content, String type) {
        ObjectNode init = FlowHarness.JSON.createObjectNode();
        init.putObject("resource").put("id", "smtp").put("name", "Mail server");
        ObjectNode mail = init.putObject("mail").put("send_from", "shop@example.com").put("send_to", sendTo)
                .put("reply_to", "event@properties.reply").put("title", title);
        mail.putObject("message").put("content", content).put("type", type);
        return init.toString();
    }

    private static MimeMessage parse(SmtpSink.Received received) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(received.data().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsTheRenderedMessageToTheResourceServer() throws Exception {
        FlowHarness.Run run = harness.run(plugin, init("profile@data.contact.email.main", "Hello {{profile@traits.name}}",
                "Dear {{profile@traits.name}},\n.a line that starts with a dot\nYour order {{event@properties.order}} is ready.",
                "text/plain"), "{\"step\": 1}");

        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(run.ports()).containsExactly("payload");
        assertThat(run.on("payload").toString()).isEqualTo("{\"result\":{\"step\":1}}");
        assertThat(lookups).containsExactly("smtp production");
        SmtpSink.Received received = sink.messages().get(0);
        assertThat(sink.messages()).hasSize(1);
        assertThat(received.mailFrom()).isEqualTo("shop@example.com");
        assertThat(received.recipients()).containsExactly("anna@example.com");
        assertThat(received.login()).isEqualTo("mailer:s3cret");
        MimeMessage message = parse(received);
        assertThat(message.getSubject()).isEqualTo("Hello Anna");
        assertThat(message.getFrom()[0].toString()).isEqualTo("shop@example.com");
        assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("anna@example.com");
        assertThat(message.getReplyTo()[0].toString()).isEqualTo("help@shop.example");
        assertThat(message.getContentType()).startsWith("text/plain");
        assertThat(message.getContent().toString().replace("\r\n", "\n").stripTrailing())
                .isEqualTo("Dear Anna,\n.a line that starts with a dot\nYour order A-17 is ready.");
    }

    @Test
    void htmlGoesWithAPlainAlternativeAndAListReachesEveryRecipient() throws Exception {
        harness.debug = true;
        FlowHarness.Run run = harness.run(plugin, init("event@properties.team", "Zażółć {{event@properties.order}}",
                "<p>Hi <b>{{profile@traits.name}}</b> &amp; team</p>", "text/html"));

        assertThat(run.ports()).as(run.result().error()).containsExactly("payload");
        assertThat(lookups).containsExactly("smtp test");
        SmtpSink.Received received = sink.messages().get(0);
        assertThat(received.recipients()).containsExactly("a@example.com", "b@example.com");
        MimeMessage message = parse(received);
        assertThat(message.getSubject()).isEqualTo("Zażółć A-17");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("Hi Anna & team");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo("<p>Hi <b>Anna</b> &amp; team</p>");
    }

    @Test
    void theOlderInitShapeAndACommaSeparatedListAreRead() throws Exception {
        String legacy = "{\"source\": {\"id\": \"smtp\"}, \"message\": {\"send_from\": \"shop@example.com\","
                + " \"send_to\": \"x@example.com, y@example.com\", \"reply_to\": null, \"title\": \"Hi\","
                + " \"message\": \"Body {{event@properties.order}}\"}}";
        FlowHarness.Run run = harness.run(plugin, legacy);

        assertThat(run.ports()).as(run.result().error()).containsExactly("payload");
        assertThat(sink.messages().get(0).recipients()).containsExactly("x@example.com", "y@example.com");
        MimeMessage message = parse(sink.messages().get(0));
        assertThat(message.getReplyTo()[0].toString()).as("no Reply-To header: it defaults to From").isEqualTo("shop@example.com");
        assertThat(message.getContent().toString().trim()).isEqualTo("Body A-17");
    }

    @Test
    void aDeadPortGoesToTheErrorPort() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        credentials.put("port", deadPort);
        long started = System.nanoTime();
        FlowHarness.Run run = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain"));

        assertThat(run.ports()).containsExactly("error");
        assertThat(run.on("error").path("message").asText()).startsWith("E-mail was not sent:").contains(Integer.toString(deadPort));
        assertThat(run.on("error").path("result").path("error").asText()).isEqualTo(run.on("error").path("message").asText());
        assertThat(run.state().console()).anySatisfy(entry -> assertThat(entry.message()).startsWith("E-mail was not sent"));
        // a refused connection fails at once; the bound leaves room for class loading on a busy machine
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8_000L);
    }

    @Test
    void aServerThatNeverAnswersTimesOutToTheErrorPort() throws Exception {
        try (SmtpSink silent = SmtpSink.silent()) {
            credentials.put("port", silent.port()).put("timeout", 1);
            long started = System.nanoTime();
            FlowHarness.Run run = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain"));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(run.ports()).containsExactly("error");
            assertThat(run.on("error").path("message").asText()).containsIgnoringCase("timed out");
            assertThat(elapsedMillis).isBetween(900L, 6_000L);
        }
    }

    @Test
    void requiredStartTlsThatTheServerLacksSendsNoPassword() throws Exception {
        credentials.remove("tls");
        FlowHarness.Run run = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain"));

        assertThat(run.ports()).containsExactly("error");
        assertThat(run.on("error").path("message").asText()).contains("STARTTLS");
        assertThat(sink.messages()).isEmpty();
    }

    @Test
    void badAddressesAndBadCredentialsGoToTheErrorPort() throws Exception {
        assertThat(harness.run(plugin, init("not an address", "Hi", "Body", "text/plain")).on("error").path("message").asText())
                .contains("send_to").contains("not an address");
        assertThat(harness.run(plugin, init("profile@data.contact.email.business", "Hi", "Body", "text/plain"))
                .on("error").path("message").asText()).contains("profile@data.contact.email.business");
        credentials.put("port", "twenty-five");
        assertThat(harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain")).on("error").path("message").asText())
                .contains("`port` must be a whole number");
        credentials.put("port", sink.port()).put("tls", "sometimes");
        assertThat(harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain")).on("error").path("message").asText())
                .contains("`tls` must be starttls, ssl or none");
        assertThat(sink.messages()).isEmpty();
    }

    @Test
    void anUnknownResourceIsANodeError() throws Exception {
        FlowHarness.Run run = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain")
                .replace("\"id\":\"smtp\"", "\"id\":\"nope\""));
        assertThat(run.result().ok()).isFalse();
        assertThat(run.result().error()).contains("no resource nope");
    }

    @Test
    void badConfigurationsDoNotCompile() {
        assertThatThrownBy(() -> harness.compileOnly(plugin, null)).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("resource.id");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("a@example.com", "", "Body", "text/plain")))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("mail.title");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("a@example.com", "Hi", "", "text/plain")))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("mail.message");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("a@example.com", "Hi", "Body", "text/markdown")))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("text/plain or text/html");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("", "Hi", "Body", "text/plain")))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("mail.send_to");
    }

    @Test
    void theDescriptorNamesTracardisModuleAndPorts() {
        assertThat(plugin.key()).isEqualTo("tracardi.process_engine.action.v1.connectors.smtp_call.plugin.SmtpDispatcherAction");
        assertThat(plugin.descriptor().outputs()).containsExactly("payload", "error");
        JsonNode defaults = plugin.descriptor().defaultInit();
        assertThat(defaults.path("mail").path("message").path("type").asText()).isEqualTo("text/plain");
        assertThat(Arrays.asList("send_to", "send_from", "reply_to", "title"))
                .allSatisfy(field -> assertThat(defaults.path("mail").has(field)).isTrue());
    }

    @Test
    void startTlsEncryptsTheSessionBeforeTheLogin(@TempDir Path folder) throws Exception {
        try (SmtpSink secure = SmtpSink.withStartTls(selfSignedServerContext(folder))) {
            credentials.put("port", secure.port()).put("ssl_check", false);
            credentials.remove("tls");
            FlowHarness.Run run = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain"));

            assertThat(run.ports()).as(String.valueOf(run.on("error"))).containsExactly("payload");
            assertThat(secure.messages()).singleElement().satisfies(received -> {
                assertThat(received.encrypted()).isTrue();
                assertThat(received.login()).isEqualTo("mailer:s3cret");
            });

            credentials.put("ssl_check", true);
            FlowHarness.Run untrusted = harness.run(plugin, init("anna@example.com", "Hi", "Body", "text/plain"));
            assertThat(untrusted.ports()).containsExactly("error");
            assertThat(secure.messages()).as("a certificate we do not trust stops the session before the login").hasSize(1);
        }
    }

    /** A server TLS context with a fresh self-signed certificate made by the JDK's keytool. */
    private static SSLContext selfSignedServerContext(Path folder) throws Exception {
        Path store = folder.resolve("sink.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sink", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
