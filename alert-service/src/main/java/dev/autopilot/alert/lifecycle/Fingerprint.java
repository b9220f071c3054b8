package dev.autopilot.alert.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** An alert's identity: its name and labels, sorted, hashed (as Alertmanager fingerprints). */
public final class Fingerprint {
  private Fingerprint() {}

  /** 16 hex characters of SHA-256 over the name and the sorted labels. */
  public static String of(String name, Map<String, String> labels) {
    StringBuilder text = new StringBuilder("alertname=").append(name);
    new TreeMap<>(labels == null ? Map.of() : labels)
        .forEach((k, v) -> text.append('\u0000').append(k).append('=').append(v));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
