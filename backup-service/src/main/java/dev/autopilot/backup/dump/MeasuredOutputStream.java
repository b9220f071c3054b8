package dev.autopilot.backup.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through while computing their SHA-256 and count: memory stays flat. */
public final class MeasuredOutputStream extends DigestOutputStream {
  private long size;

  public MeasuredOutputStream(OutputStream out) {
    super(out, sha256());
  }

  @Override
  public void write(int b) throws IOException {
    super.write(b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    super.write(b, off, len);
    size += len;
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  /** Lowercase hex SHA-256 of the bytes written so far. */
  public String sha256Hex() {
    try {
      MessageDigest copy = (MessageDigest) getMessageDigest().clone();
      return HexFormat.of().formatHex(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closing is the storage's business: the underlying stream stays open. */
  @Override
  public void close() throws IOException {
    flush();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
