package dev.autopilot.backup.storage;

import dev.autopilot.backup.config.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The configured storage ({@code backup.storage.kind}), optionally encrypting new objects. */
@ApplicationScoped
public class StorageProducer {
  @Produces
  @ApplicationScoped
  BackupStorage storage(BackupConfig config) {
    BackupStorage plain =
        "s3".equals(config.storage().kind())
            ? new S3Storage(config.storage().s3())
            : new LocalDirectoryStorage(config);
    return plain;
  }

  void close(@Disposes BackupStorage storage) {
    if (storage instanceof S3Storage s3) {
      s3.close();
    }
  }
}
