package org.opencdp.server.workflow.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server on 127.0.0.1 for tests: it speaks enough of the protocol (EHLO/HELO, AUTH PLAIN and LOGIN,
 * MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT, and STARTTLS when given a TLS context) to accept a
 * message and records what arrived. In {@code silent} mode it accepts connections and never answers, to test read
 * timeouts.
 */
final class SmtpSink implements AutoCloseable {

    /** One message as the sink received it; {@code encrypted} when the session had switched to TLS. */
    record Received(String mailFrom, List<String> recipients, String login, String data, boolean encrypted) {
    }

    private final ServerSocket server;
    private final boolean silent;
    /** Offers STARTTLS with this context's certificate when not null. */
    private final SSLContext tls;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SmtpSink(boolean silent, SSLContext tls) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.silent = silent;
        this.tls = tls;
        this.acceptor = new Thread(this::acceptLoop, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmtpSink start() throws IOException {
        return new SmtpSink(false, null);
    }

    /** A sink that offers STARTTLS with the given server context. */
    static SmtpSink withStartTls(SSLContext tls) throws IOException {
        return new SmtpSink(false, tls);
    }

    /** Accepts connections but never sends a greeting. */
    static SmtpSink silent() throws IOException {
        return new SmtpSink(true, null);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> messages() {
        return messages;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                if (!silent) {
                    Thread session = new Thread(() -> converse(client), "smtp-sink-session");
                    session.setDaemon(true);
                    session.start();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket plain) {
        Socket client = plain;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            boolean encrypted = false;
            reply(out, "220 sink.test ESMTP ready");
            String mailFrom = null;
            String login = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-sink.test\r\n250-8BITMIME\r\n" + (tls != null && !encrypted ? "250-STARTTLS\r\n" : "")
                            + "250 AUTH PLAIN LOGIN");
                } else if (command.equals("STARTTLS") && tls != null && !encrypted) {
                    reply(out, "220 go ahead");
                    SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    clients.add(secured);
                    client = secured;
                    in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    out = client.getOutputStream();
                    encrypted = true;
                } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
                    reply(out, "250 ok");
                } else if (command.startsWith("AUTH PLAIN")) {
                    String encoded = line.length() > 11 ? line.substring(11).trim() : "";
                    if (encoded.isEmpty()) {
                        reply(out, "334 ");
                        encoded = in.readLine();
                    }
                    String[] parts = decode(encoded).split("\u0000", -1);
                    login = parts[1] + ":" + parts[2];
                    reply(out, "235 2.7.0 authenticated");
                } else if (command.startsWith("AUTH LOGIN")) {
                    reply(out, "334 VXNlcm5hbWU6");
                    String user = decode(in.readLine());
                    reply(out, "334 UGFzc3dvcmQ6");
                    login = user + ":" + decode(in.readLine());
                    reply(out, "235 2.7.0 authenticated");
                } else if (command.startsWith("MAIL FROM:")) {
                    mailFrom = address(line);
                    recipients = new ArrayList<>();
                    reply(out, "250 ok");
                } else if (command.startsWith("RCPT TO:")) {
                    recipients.add(address(line));
                    reply(out, "250 ok");
                } else if (command.equals("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    messages.add(new Received(mailFrom, List.copyOf(recipients), login, readData(in), encrypted));
                    reply(out, "250 queued");
                } else if (command.startsWith("RSET")) {
                    mailFrom = null;
                    recipients = new ArrayList<>();
                    reply(out, "250 ok");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 command not implemented");
                }
            }
        } catch (SocketException | javax.net.ssl.SSLException closed) {
            // the client or close() ended the connection
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing a test connection
            }
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString();
    }

    private static String address(String line) {
        String rest = line.substring(line.indexOf(':') + 1).trim();
        int open = rest.indexOf('<');
        int close = rest.indexOf('>');
        return open >= 0 && close > open ? rest.substring(open + 1, close) : rest;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
