package dev.autopilot.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared stack with the mailer pointed at a loopback port nobody listens on: every send is
 * refused, as when the mail relay is down. Its own database, so its failures stay its own.
 */
public class SmtpDownTestResource extends NotificationServiceTestResource {
  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>(super.start());
    config.put("quarkus.mailer.port", Integer.toString(closedPort()));
    config.put("notification.email.to", ONCALL);
    return config;
  }

  @Override
  protected String database() {
    return "notification_smtp_down";
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
