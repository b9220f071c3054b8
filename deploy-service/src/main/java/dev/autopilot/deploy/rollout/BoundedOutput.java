package dev.autopilot.deploy.rollout;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code limit} bytes written to it (the end of a command's output says why it
 * failed) and counts what it dropped. Thread-safe: a reader thread writes while others read.
 */
public final class BoundedOutput {
  private final byte[] ring;
  private long total;

  public BoundedOutput(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.ring = new byte[limit];
  }

  /** Appends bytes, dropping the oldest beyond the limit. */
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) (total++ % ring.length)] = bytes[offset + i];
    }
  }

  /** Bytes written in total, kept or not. */
  public synchronized long total() {
    return total;
  }

  /** The kept bytes as UTF-8 text, preceded by a note when earlier output was dropped. */
  public synchronized String text() {
    int kept = (int) Math.min(total, ring.length);
    byte[] tail = new byte[kept];
    int start = (int) ((total - kept) % ring.length);
    for (int i = 0; i < kept; i++) {
      tail[i] = ring[(start + i) % ring.length];
    }
    String text = new String(tail, StandardCharsets.UTF_8);
    long dropped = total - kept;
    return dropped == 0 ? text : "[… " + dropped + " earlier bytes dropped …]\n" + text;
  }
}
