package org.opencdp.server.completion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy whose current connections can be made silent: they stay open but forward nothing, like a
 * connection whose peer vanished without a reset. New connections still work.
 */
final class SilentProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    SilentProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "silent-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Makes every current connection silent. */
    void silenceCurrentConnections() {
        pairs.forEach(pair -> pair.silent = true);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pair pair : pairs) {
            pair.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                Pair pair = new Pair(client, target);
                pairs.add(pair);
                pump(pair, client.getInputStream(), target.getOutputStream());
                pump(pair, target.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Pair pair, InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (!pair.silent) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the connection ended
            } finally {
                pair.close();
            }
        }, "silent-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static final class Pair {
        final Socket client;
        final Socket target;
        volatile boolean silent;

        Pair(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void close() {
            try {
                client.close();
                target.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
