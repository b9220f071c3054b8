package dev.autopilot.backup.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Streaming AES-256-GCM in independent frames, with the JDK's Cipher.
 *
 * <p>Why frames: one GCM operation over a whole backup cannot be streamed on the way back — the
 * JDK's GCM decryption releases no plaintext until it has checked the tag at the very end, so it
 * buffers the entire object in memory. Instead the plaintext is cut into {@value #FRAME} byte
 * frames, each sealed on its own (nonce = 8 random bytes of the object + the frame's index), with
 * the header, the frame's index and a final-frame flag as associated data: frames cannot be
 * reordered, dropped, moved between objects, or the object truncated, without decryption failing.
 * No library in the service's dependencies does this (Tink's streaming AEAD would, as a new
 * dependency for one class).
 *
 * <pre>
 * header = "APGCM1" | keyId length (1 byte) | keyId (ASCII) | nonce prefix (8 bytes)
 * frame  = final flag (1 byte) | ciphertext length (4 bytes) | ciphertext with 16-byte tag
 * </pre>
 */
public final class GcmFrames {
  /** Plaintext bytes per frame. */
  static final int FRAME = 64 * 1024;

  private static final byte[] MAGIC = "APGCM1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private GcmFrames() {}

  /** The algorithm as recorded in manifests. */
  public static final String ALGORITHM = "AES-256-GCM, 64 KiB frames";

  /**
   * A stream that encrypts what is written into {@code out}; {@link OutputStream#close()} writes
   * the final frame and flushes, but leaves {@code out} open.
   */
  public static OutputStream encrypting(OutputStream out, SecretKey key, String keyId)
      throws IOException {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] prefix = new byte[8];
    RANDOM.nextBytes(prefix);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(MAGIC);
    header.write(id.length);
    header.write(id);
    header.write(prefix);
    byte[] headerBytes = header.toByteArray();
    out.write(headerBytes);
    return new OutputStream() {
      private final byte[] buffer = new byte[FRAME];
      private int filled;
      private int index;
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
          if (filled == FRAME) {
            seal(false);
          }
          int n = Math.min(len, FRAME - filled);
          System.arraycopy(b, off, buffer, filled, n);
          filled += n;
          off += n;
          len -= n;
        }
      }

      private void seal(boolean last) throws IOException {
        byte[] sealed =
            crypt(Cipher.ENCRYPT_MODE, key, headerBytes, prefix, index, last, buffer, filled);
        out.write(last ? 1 : 0);
        out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
        out.write(sealed);
        index++;
        filled = 0;
      }

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          seal(true);
          out.flush();
        }
      }
    };
  }

  /**
   * Decrypts an object written by {@link #encrypting} into {@code out}.
   *
   * @throws IOException when the object is not in this format, was made with another key id, or was
   *     altered or truncated
   */
  public static void decrypt(InputStream in, OutputStream out, SecretKey key, String keyId)
      throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = data.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not an encrypted backup (no APGCM1 header)");
    }
    int idLength = data.readUnsignedByte();
    byte[] id = data.readNBytes(idLength);
    String objectKeyId = new String(id, StandardCharsets.US_ASCII);
    if (!objectKeyId.equals(keyId)) {
      throw new IOException(
          "the backup is encrypted with key '"
              + objectKeyId
              + "', not the configured '"
              + keyId
              + "'");
    }
    byte[] prefix = data.readNBytes(8);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(MAGIC);
    header.write(idLength);
    header.write(id);
    header.write(prefix);
    byte[] headerBytes = header.toByteArray();
    for (int index = 0; ; index++) {
      int flag;
      int length;
      try {
        flag = data.readUnsignedByte();
        length = data.readInt();
      } catch (EOFException e) {
        throw new IOException("the encrypted backup is truncated (no final frame)");
      }
      if (flag > 1 || length < 16 || length > FRAME + 16) {
        throw new IOException("corrupt frame " + index);
      }
      byte[] sealed = data.readNBytes(length);
      if (sealed.length != length) {
        throw new IOException("the encrypted backup is truncated in frame " + index);
      }
      out.write(
          crypt(Cipher.DECRYPT_MODE, key, headerBytes, prefix, index, flag == 1, sealed, length));
      if (flag == 1) {
        if (data.read() != -1) {
          throw new IOException("data after the final frame");
        }
        return;
      }
    }
  }

  private static byte[] crypt(
      int mode,
      SecretKey key,
      byte[] header,
      byte[] prefix,
      int index,
      boolean last,
      byte[] input,
      int length)
      throws IOException {
    try {
      byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(index).array();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      cipher.updateAAD(ByteBuffer.allocate(5).put((byte) (last ? 1 : 0)).putInt(index).array());
      return cipher.doFinal(input, 0, length);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IOException("frame " + index + " failed authentication: wrong key or altered data");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt"), e);
    }
  }
}
