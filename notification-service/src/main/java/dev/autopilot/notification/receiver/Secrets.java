package dev.autopilot.notification.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Resolves secrets named in the routing document by environment-variable name. The lookup goes
 * through MicroProfile Config, whose environment source reads {@code SLACK_URL} as is (and which
 * lets tests supply the same names as config), and remembers every value it handed out so {@link
 * #redact} can scrub them from any error text before it is logged or stored.
 */
@ApplicationScoped
public class Secrets {
  private static final String MASK = "[REDACTED]";
  private final Set<String> handedOut = ConcurrentHashMap.newKeySet();

  /** The secret's value, or empty when the variable is not set. */
  public Optional<String> resolve(String envName) {
    if (envName == null || envName.isBlank()) {
      return Optional.empty();
    }
    Optional<String> value =
        ConfigProvider.getConfig()
            .getOptionalValue(envName.strip(), String.class)
            .filter(v -> !v.isBlank());
    value.ifPresent(handedOut::add);
    return value;
  }

  /** The secret's value, or a {@link MissingSecretException} naming the variable. */
  public String require(String envName) {
    return resolve(envName).orElseThrow(() -> new MissingSecretException(envName));
  }

  /** {@code text} with every secret value this service handed out replaced by a mask. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : handedOut) {
      if (secret.length() >= 4) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  /** A secret's environment variable is not set: a configuration error, not retriable. */
  public static class MissingSecretException extends RuntimeException {
    public MissingSecretException(String envName) {
      super("environment variable " + envName + " (a secret) is not set");
    }
  }
}
