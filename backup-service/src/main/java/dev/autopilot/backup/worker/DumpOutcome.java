package dev.autopilot.backup.worker;

import dev.autopilot.backup.dump.DumpInfo;
import dev.autopilot.backup.store.BackupManifest;

/** How one run of a backup ended, before it is recorded. */
public sealed interface DumpOutcome {
  /** The file is stored under its final name. */
  record Stored(
      String location,
      long sizeBytes,
      String sha256,
      String kind,
      DumpInfo info,
      BackupManifest.Encryption encryption)
      implements DumpOutcome {}

  /** Nothing was stored; the reason says why. */
  record Failed(String reason) implements DumpOutcome {}
}
