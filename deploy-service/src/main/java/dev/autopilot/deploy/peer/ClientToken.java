package dev.autopilot.deploy.peer;

import org.eclipse.microprofile.config.ConfigProvider;

/** The Authorization header value for calls to other services: autopilot.client.token. */
final class ClientToken {
  private ClientToken() {}

  static String bearer() {
    return ConfigProvider.getConfig()
        .getOptionalValue("autopilot.client.token", String.class)
        .map(token -> "Bearer " + token)
        .orElse("");
  }
}
