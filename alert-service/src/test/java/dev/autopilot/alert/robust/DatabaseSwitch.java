package dev.autopilot.alert.robust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A TCP relay in front of the shared test PostgreSQL that a test can cut (every relayed connection
 * is closed, new ones are closed at once, as a crashed or unreachable server looks to the driver)
 * and restore, without touching the server other tests use. Hand-written rather than Toxiproxy:
 * that needs its own server process, and this is all the tests need.
 *
 * <p>Its state is two system properties (strings: other code copies system properties as strings),
 * because a Quarkus test profile and the test class it serves may be loaded by different class
 * loaders; the relay's threads look at the switch at least every {@value #LOOK_MILLIS} ms.
 */
final class DatabaseSwitch {
  private static final String PORT = "test-database-switch.port";
  private static final String UP = "test-database-switch.up";
  private static final int LOOK_MILLIS = 100;

  private DatabaseSwitch() {}

  /** The relay's port on 127.0.0.1, started on first use, relaying to {@code targetPort}. */
  static synchronized int port(int targetPort) {
    String existing = System.getProperty(PORT);
    if (existing != null) {
      return Integer.parseInt(existing);
    }
    ServerSocket server;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty(UP, "true");
    Thread acceptor = new Thread(() -> accept(server, targetPort), "database-switch");
    acceptor.setDaemon(true);
    acceptor.start();
    System.setProperty(PORT, Integer.toString(server.getLocalPort()));
    return server.getLocalPort();
  }

  /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
  static void cut() {
    System.setProperty(UP, "false");
  }

  /** Relays again. */
  static void restore() {
    System.setProperty(UP, "true");
  }

  private static boolean up() {
    return !"false".equals(System.getProperty(UP));
  }

  private static void accept(ServerSocket server, int targetPort) {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!up()) {
        close(client);
        continue;
      }
      try {
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client, backend);
        pump(backend, client);
      } catch (IOException e) {
        close(client);
      }
    }
  }

  private static void pump(Socket from, Socket to) throws IOException {
    from.setSoTimeout(LOOK_MILLIS);
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (up()) {
                  int n;
                  try {
                    n = in.read(buffer);
                  } catch (SocketTimeoutException quiet) {
                    continue;
                  }
                  if (n < 0) {
                    break;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException closed) {
                // one side went away
              } finally {
                close(from);
                close(to);
              }
            },
            "database-switch-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
