package dev.autopilot.platform.acklink;

import dev.autopilot.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed one-time acknowledge links: notification-service puts one in every page, alert-service
 * verifies it and acknowledges the alert without a bearer token (the link is the credential).
 *
 * <p>Token: {@code base64url(alertId:expiresEpochSeconds:nonce) "." base64url(HMAC-SHA256)} with
 * the shared key {@code autopilot.ack-links.key} (env {@code AUTOPILOT_ACK_LINKS_KEY}). The JDK's
 * {@link Mac} does the cryptography; a JWT library would do the same with a longer URL and a parser
 * surface we do not need. One-time use is enforced by the verifier (alert-service records the nonce
 * it accepted); this class only proves the token was issued by a holder of the key and has not
 * expired.
 */
@ApplicationScoped
public class AckLinks {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<String> key;
  private final Duration ttl;
  private final Optional<String> baseUrl;

  @Inject
  public AckLinks(PlatformConfig config) {
    this(config.ackLinks().key(), config.ackLinks().ttl(), config.ackLinks().baseUrl());
  }

  /** For tests and tools: explicit key, lifetime and base URL. */
  public AckLinks(Optional<String> key, Duration ttl, Optional<String> baseUrl) {
    this.key = key.filter(k -> !k.isBlank());
    this.ttl = ttl;
    this.baseUrl = baseUrl.map(b -> b.replaceAll("/+$", ""));
  }

  /** A verified token's content. */
  public record Claims(UUID alertId, Instant expiresAt, String nonce) {}

  /** Whether a signing key is configured. */
  public boolean enabled() {
    return key.isPresent();
  }

  /** A token for this alert, valid for {@code autopilot.ack-links.ttl}. */
  public String sign(UUID alertId, Instant now) {
    byte[] nonceBytes = new byte[12];
    RANDOM.nextBytes(nonceBytes);
    Instant expires = now.plus(ttl);
    String payload =
        alertId + ":" + expires.getEpochSecond() + ":" + B64.encodeToString(nonceBytes);
    return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + B64.encodeToString(mac(payload));
  }

  /**
   * The full link to alert-service's acknowledge page for this alert, when a key and
   * alert-service's public base URL are configured.
   */
  public Optional<String> link(UUID alertId, Instant now) {
    if (!enabled() || baseUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(baseUrl.get() + "/ack/" + sign(alertId, now));
  }

  /** The claims of a genuine, unexpired token; empty when forged, malformed or expired. */
  public Optional<Claims> verify(String token, Instant now) {
    if (!enabled() || token == null || token.length() > 512) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      String payload = new String(B64D.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] given = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(payload))) {
        return Optional.empty();
      }
      String[] parts = payload.split(":", 3);
      if (parts.length != 3) {
        return Optional.empty();
      }
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      if (!now.isBefore(expires)) {
        return Optional.empty();
      }
      return Optional.of(new Claims(UUID.fromString(parts[0]), expires, parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    String secret = key.orElseThrow(() -> new IllegalStateException("no ack-link key"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
