package dev.autopilot.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.StorageConfig;
import dev.autopilot.backup.dump.MeasuredOutputStream;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S3 storage against a real S3 server (s3mock): multipart streaming, reads, deletes, outages. */
class S3StorageTest {
  private static S3MockServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3MockServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void largeBackupIsUploadedInPartsAndReadBackIdentical() throws Exception {
    try (S3Storage storage = new S3Storage(config(server.endpoint(), 3))) {
      // 3 full parts of 5 MiB and a partial one
      byte[] chunk = new byte[1024 * 1024];
      Random random = new Random(42);
      MeasuredOutputStream written;
      String location;
      try (Upload upload = storage.begin("demo", "big-" + System.nanoTime() + ".dump")) {
        written = new MeasuredOutputStream(upload.stream());
        for (int i = 0; i < 17; i++) {
          random.nextBytes(chunk);
          written.write(chunk);
        }
        location = upload.commit();
      }
      assertThat(location).startsWith("s3://backups/demo/big-");
      assertThat(sha256(storage, location)).isEqualTo(written.sha256Hex());
      assertThat(storage.localFile(location)).isEmpty();

      storage.delete(location);
      assertThatThrownBy(() -> storage.open(location).close())
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void smallBackupIsOnePutAndAnAbortedOneLeavesNothing() throws Exception {
    try (S3Storage storage = new S3Storage(config(server.endpoint(), 3))) {
      String location;
      try (Upload upload = storage.begin("demo", "small.dump")) {
        upload.stream().write("tiny".getBytes());
        location = upload.commit();
      }
      try (InputStream in = storage.open(location)) {
        assertThat(new String(in.readAllBytes())).isEqualTo("tiny");
      }
      String aborted;
      try (Upload upload = storage.begin("demo", "aborted.dump")) {
        OutputStream out = upload.stream();
        out.write(new byte[6 * 1024 * 1024]); // one part uploaded, then the dump fails
        aborted = "s3://backups/demo/aborted.dump";
      }
      assertThatThrownBy(() -> storage.open(aborted).close())
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void aServerThatIsDownFailsAfterBoundedRetries() throws Exception {
    String down = "http://127.0.0.1:" + S3MockServer.freePort();
    try (S3Storage storage = new S3Storage(config(down, 2))) {
      Instant start = Instant.now();
      assertThatThrownBy(
              () -> {
                try (Upload upload = storage.begin("demo", "never.dump")) {
                  upload.stream().write("x".getBytes());
                  upload.commit();
                }
              })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("S3 upload of demo/never.dump failed");
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }
  }

  private static String sha256(S3Storage storage, String location) throws Exception {
    try (InputStream in = storage.open(location)) {
      MeasuredOutputStream m = new MeasuredOutputStream(OutputStream.nullOutputStream());
      in.transferTo(m);
      return m.sha256Hex();
    }
  }

  static StorageConfig.S3 config(String endpoint, int attempts) {
    Map<String, String> p = new HashMap<>();
    p.put("backup.storage.kind", "s3");
    p.put("backup.storage.s3.endpoint", endpoint);
    p.put("backup.storage.s3.bucket", S3MockServer.BUCKET);
    p.put("backup.storage.s3.part-size", Integer.toString(5 * 1024 * 1024));
    p.put("backup.storage.s3.max-attempts", Integer.toString(attempts));
    p.put("backup.storage.s3.request-timeout", "20s");
    p.put("backup.storage.s3.access-key-env", "BACKUP_TEST_S3_ACCESS_KEY");
    p.put("backup.storage.s3.secret-key-env", "BACKUP_TEST_S3_SECRET_KEY");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(BackupConfig.class)
            .withSources(new PropertiesConfigSource(p, "test", 100))
            .build();
    return config.getConfigMapping(BackupConfig.class).storage().s3();
  }
}
