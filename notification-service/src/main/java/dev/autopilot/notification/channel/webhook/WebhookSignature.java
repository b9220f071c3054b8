package dev.autopilot.notification.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's signature: {@code v1=} + hex(HMAC-SHA256(secret, timestamp + "." + body)),
 * where timestamp is the {@code X-Autopilot-Timestamp} header (Unix seconds). Signing the timestamp
 * with the body lets a receiver reject replays older than a few minutes. The JDK's {@link Mac} is
 * the implementation; a library would add nothing.
 */
public final class WebhookSignature {
  /** Header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Autopilot-Signature";

  /** Header carrying the Unix time (seconds) the signature was made. */
  public static final String TIMESTAMP_HEADER = "X-Autopilot-Timestamp";

  private WebhookSignature() {}

  /** The signature header value for this body at this time. */
  public static String sign(String secret, long timestamp, String body) {
    return "v1=" + HexFormat.of().formatHex(mac(secret, timestamp + "." + body));
  }

  /** What a receiver does: recompute and compare in constant time. */
  public static boolean verify(String secret, String timestamp, String body, String signature) {
    if (signature == null || timestamp == null) {
      return false;
    }
    String expected = "v1=" + HexFormat.of().formatHex(mac(secret, timestamp + "." + body));
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] mac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
