package io.rootaudit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback endpoint that accepts every connection, reads what it is sent and never answers: what a hung proxy, a
 * stuck load balancer or a wrong VPC endpoint looks like to the AWS SDK.
 */
final class SilentEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    SilentEndpoint() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "silent-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far (each SDK attempt opens one, since none is ever answered). */
    int connections() {
        return connections.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread reader = new Thread(() -> drain(s), "silent-endpoint-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void drain(Socket s) {
        try (var in = s.getInputStream()) {
            while (in.read(new byte[8192]) >= 0) {
                // read the request, answer nothing
            }
        } catch (IOException e) {
            // the client gave up or the endpoint was closed
        }
    }

    /** A loopback URL on which nothing listens: connections are refused at once. */
    static String closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
