package dev.autopilot.backup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Framed AES-256-GCM: round trips at frame boundaries; any alteration or truncation fails. */
class GcmFramesTest {
  private static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");
  private static final SecretKey OTHER = new SecretKeySpec(filled(32, (byte) 1), "AES");

  @ParameterizedTest
  @ValueSource(ints = {0, 1, GcmFrames.FRAME - 1, GcmFrames.FRAME, GcmFrames.FRAME + 1, 200_005})
  void roundTrips(int size) throws Exception {
    byte[] plain = random(size);
    byte[] sealed = encrypt(plain, KEY);
    assertThat(sealed).isNotEqualTo(plain);
    assertThat(decrypt(sealed, KEY, "k1")).isEqualTo(plain);
  }

  @Test
  void alteredTruncatedOrForeignObjectsFail() throws Exception {
    byte[] plain = random(150_000);
    byte[] sealed = encrypt(plain, KEY);
    byte[] altered = sealed.clone();
    altered[altered.length / 2] ^= 1;
    assertThatThrownBy(() -> decrypt(altered, KEY, "k1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("failed authentication");
    // Cut after the first frame: every remaining frame is gone, including the final one.
    byte[] truncated = Arrays.copyOf(sealed, 6 + 1 + 2 + 8 + 5 + GcmFrames.FRAME + 16);
    assertThatThrownBy(() -> decrypt(truncated, KEY, "k1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> decrypt(sealed, OTHER, "k1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("failed authentication");
    assertThatThrownBy(() -> decrypt(sealed, KEY, "k2"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("key 'k1'");
    assertThatThrownBy(() -> decrypt(plain, KEY, "k1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an encrypted backup");
  }

  @Test
  void twoEncryptionsOfTheSameDataDiffer() throws Exception {
    byte[] plain = random(1000);
    assertThat(encrypt(plain, KEY)).isNotEqualTo(encrypt(plain, KEY));
  }

  private static byte[] encrypt(byte[] plain, SecretKey key) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = GcmFrames.encrypting(out, key, "k1")) {
      // odd write sizes cross frame boundaries
      for (int i = 0; i < plain.length; i += 7777) {
        enc.write(plain, i, Math.min(7777, plain.length - i));
      }
    }
    return out.toByteArray();
  }

  private static byte[] decrypt(byte[] sealed, SecretKey key, String keyId) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GcmFrames.decrypt(new ByteArrayInputStream(sealed), out, key, keyId);
    return out.toByteArray();
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static byte[] filled(int size, byte value) {
    byte[] b = new byte[size];
    Arrays.fill(b, value);
    return b;
  }
}
