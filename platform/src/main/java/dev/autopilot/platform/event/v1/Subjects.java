package dev.autopilot.platform.event.v1;

/** How event subjects (Kafka keys) are spelled. */
public final class Subjects {
  private Subjects() {}

  /** {@code service/environment}, or just the service when no environment is known. */
  public static String serviceEnvironment(String service, String environment) {
    if (service == null) {
      return null;
    }
    return environment == null ? service : service + "/" + environment;
  }
}
