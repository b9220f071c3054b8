package dev.autopilot.bench.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail (SMTP only) whose accepted sockets have TCP_NODELAY. Stock GreenMail sends each reply
 * in more than one segment without it, and Nagle's algorithm then holds the tail of every reply
 * until the client's delayed ACK (~40 ms per SMTP command, ~220 ms per mail): a property of the
 * test server, not of the sender under test (a server that writes each reply in one segment is not
 * affected, whatever the sender does). GreenMail has no option for it; {@link
 * AbstractServer#handleClientSocket} is its hook for accepted sockets.
 */
final class NoDelayGreenMail extends GreenMail {
  NoDelayGreenMail(ServerSetup setup) {
    super(setup);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
    Map<String, AbstractServer> services = new HashMap<>();
    for (ServerSetup setup : config) {
      if (!ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
        throw new IllegalArgumentException("SMTP only, not " + setup.getProtocol());
      }
      services.put(
          setup.getProtocol(),
          new SmtpServer(setup, managers) {
            @Override
            protected void handleClientSocket(Socket socket) throws SocketException {
              socket.setTcpNoDelay(true);
              super.handleClientSocket(socket);
            }
          });
    }
    return services;
  }
}
