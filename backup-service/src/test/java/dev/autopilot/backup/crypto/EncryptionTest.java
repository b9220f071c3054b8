package dev.autopilot.backup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.BackupConfigCheck;
import dev.autopilot.backup.dump.DumpException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key rotation settings as SmallRye parses them (the surefire environment holds the two test keys):
 * the active key encrypts, every configured key decrypts its own backups, a removed key is refused
 * by id, and bad settings are named by the startup check.
 */
class EncryptionTest {
  private static final String ENC = "backup.storage.encryption.";

  @Test
  void theActiveKeyEncryptsAndEachKeyDecryptsWhatItEncrypted() throws Exception {
    Encryption encryption =
        new Encryption(
            parse(
                Map.of(
                    ENC + "keys.\"old\".env", "BACKUP_TEST_ENCRYPTION_KEY",
                    ENC + "keys.\"new\".env", "BACKUP_TEST_ENCRYPTION_KEY_2",
                    ENC + "active-key", "new")));
    assertThat(encryption.active().orElseThrow().id()).isEqualTo("new");
    assertThat(encryption.ids()).containsExactly("new", "old");
    EncryptionKey old = encryption.forBackup("old");
    byte[] sealed = seal(old, "written before the rotation");
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    GcmFrames.decrypt(new ByteArrayInputStream(sealed), plain, old.key(), "old");
    assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo("written before the rotation");
    assertThat(encryption.forBackup("new").key()).isNotEqualTo(old.key());
    assertThatThrownBy(() -> encryption.forBackup("2024"))
        .isInstanceOf(DumpException.class)
        .hasMessageContaining("key '2024', which is not configured (configured: [new, old])")
        .hasMessageContaining("nothing was touched")
        .hasMessageContaining("backup.storage.encryption.keys.\"2024\".env");
  }

  @Test
  void theOneKeyShorthandStillWorksAndKeysAloneOnlyDecrypt() throws Exception {
    Encryption shorthand =
        new Encryption(
            parse(Map.of(ENC + "key-env", "BACKUP_TEST_ENCRYPTION_KEY", ENC + "key-id", "k1")));
    assertThat(shorthand.active().orElseThrow().id()).isEqualTo("k1");
    Encryption decryptOnly =
        new Encryption(parse(Map.of(ENC + "keys.\"old\".env", "BACKUP_TEST_ENCRYPTION_KEY")));
    assertThat(decryptOnly.active()).isEmpty();
    assertThat(decryptOnly.forBackup("old").id()).isEqualTo("old");
    assertThat(new Encryption(parse(Map.of())).active()).isEmpty();
  }

  @Test
  void badKeySettingsAreNamedByTheStartupCheck() {
    assertThat(
            BackupConfigCheck.problems(
                parse(
                    Map.of(
                        ENC + "keys.\"a\".env", "BACKUP_TEST_ENCRYPTION_KEY",
                        ENC + "active-key", "b",
                        ENC + "keys.\"bad id!\".env", "NOT-A-NAME",
                        ENC + "key-env", "BACKUP_TEST_ENCRYPTION_KEY_2",
                        ENC + "key-id", "a"))))
        .anySatisfy(p -> assertThat(p).contains("active-key 'b' is not one of the configured keys"))
        .anySatisfy(p -> assertThat(p).contains("key id 'bad id!' must be"))
        .anySatisfy(p -> assertThat(p).contains("keys.\"bad id!\".env must name"))
        .anySatisfy(p -> assertThat(p).contains("key 'a' is defined twice"));
    assertThatThrownBy(
            () -> new Encryption(parse(Map.of(ENC + "keys.\"x\".env", "BACKUP_TEST_UNSET_KEY"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BACKUP_TEST_UNSET_KEY (encryption key 'x') is not set");
  }

  private static byte[] seal(EncryptionKey key, String text) throws Exception {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    try (OutputStream out = GcmFrames.encrypting(sealed, key.key(), key.id())) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return sealed.toByteArray();
  }

  private static BackupConfig parse(Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>(overrides);
    properties.put("backup.sources.\"shop\".kind", "postgres");
    properties.put("backup.sources.\"shop\".host", "db.internal");
    properties.put("backup.sources.\"shop\".database", "shop");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(BackupConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(BackupConfig.class);
  }
}
