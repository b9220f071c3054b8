package dev.autopilot.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator console's configuration ({@code console.*}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {
  /** Base URLs of the five services the console calls (AUTOPILOT_*_URL). */
  Services services();

  /** The sign-in cookie. */
  Cookie cookie();

  /** Timeout of one call to a service. */
  @WithDefault("10s")
  Duration requestTimeout();

  /**
   * The public status page as a browser reaches it; defaults to {@code <health>/status}. Set it
   * when the console reaches health-service on an internal address.
   */
  Optional<String> statusPageUrl();

  /** Base URLs of the services. */
  interface Services {
    /** health-service, e.g. http://127.0.0.1:8081. */
    String health();

    /** alert-service. */
    String alert();

    /** notification-service. */
    String notification();

    /** backup-service. */
    String backup();

    /** deploy-service. */
    String deploy();
  }

  /** The sign-in cookie. */
  interface Cookie {
    /** Its name. */
    @WithDefault("autopilot_console")
    String name();

    /**
     * {@code auto}: Secure when the request came over https (directly or, with {@code
     * quarkus.http.proxy.proxy-address-forwarding=true}, through a proxy); {@code always}; {@code
     * never}.
     */
    @WithDefault("auto")
    String secure();

    /** How long a sign-in lasts. */
    @WithDefault("8h")
    Duration maxAge();
  }
}
