package dev.autopilot.backup.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts s3mock for a test profile and points backup-service's S3 storage at it. */
public class S3MockResource implements QuarkusTestResourceLifecycleManager {
  /** The running server, so a test can stop it ("S3 is down"). */
  public static volatile S3MockServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = S3MockServer.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start s3mock", e);
    }
    return Map.of(
        "backup.storage.kind", "s3",
        "backup.storage.s3.endpoint", server.endpoint(),
        "backup.storage.s3.bucket", S3MockServer.BUCKET,
        "backup.storage.s3.prefix", "suite/",
        "backup.storage.s3.access-key-env", "BACKUP_TEST_S3_ACCESS_KEY",
        "backup.storage.s3.secret-key-env", "BACKUP_TEST_S3_SECRET_KEY",
        "backup.storage.s3.max-attempts", "2",
        "backup.storage.s3.request-timeout", "20s",
        "backup.storage.encryption.key-env", "BACKUP_TEST_ENCRYPTION_KEY",
        "backup.storage.encryption.key-id", "test-key-1");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
