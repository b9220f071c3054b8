package dev.autopilot.health.probe;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Secret values referenced by name (header valueFromEnv, passwordEnv). Looked up through
 * MicroProfile Config, whose sources include the environment, so an environment variable works as
 * documented and tests can supply the same name as a property. Values are never stored or logged.
 */
final class Secrets {
  private Secrets() {}

  /** The value of {@code name}. */
  static String value(String name) {
    return ConfigProvider.getConfig()
        .getOptionalValue(name, String.class)
        .orElseThrow(
            () -> new ProbeRefusedException("environment variable " + name + " is not set"));
  }
}
