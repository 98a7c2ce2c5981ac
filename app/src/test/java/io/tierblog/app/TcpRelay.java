package io.tierblog.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to a server, which a test can take down (the listener closes and every
 * relayed connection is cut, as when the server stops) and bring back on the same port.
 */
final class TcpRelay implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = PgBouncer.freeLowPort();
        start();
    }

    int port() {
        return port;
    }

    /** Listens again on the same port. */
    synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket accepting = listener;
        daemon("relay-accept-" + port, () -> {
            while (!accepting.isClosed()) {
                try {
                    Socket client = accepting.accept();
                    Socket server = new Socket();
                    sockets.add(client);
                    sockets.add(server);
                    try {
                        server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
                    } catch (IOException refused) {
                        close(client, server);
                        continue;
                    }
                    daemon("relay-up-" + port, () -> pump(client, server));
                    daemon("relay-down-" + port, () -> pump(server, client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Refuses new connections and cuts every relayed one. */
    synchronized void stop() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        listener = null;
        for (Socket socket : sockets) {
            close(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException cut) {
            // one side went away
        } finally {
            close(from, to);
        }
    }

    private void close(Socket... pair) {
        for (Socket socket : pair) {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
