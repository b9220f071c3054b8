package dev.autopilot.backup.restore;

import java.util.Arrays;
import java.util.Optional;

/** Where a backup is restored: over a database, into a new database, or into a folder. */
public enum RestoreMode {
  /** {@code pg_restore --clean --if-exists} into the source's database, in one transaction. */
  ORIGINAL("original"),
  /** A database created for the restore (it must not exist yet). */
  NEW_DATABASE("new-database"),
  /** files: extracted into a folder that does not exist yet (or is empty). */
  FOLDER("folder");

  private final String wire;

  RestoreMode(String wire) {
    this.wire = wire;
  }

  /** The mode as the API and the table spell it. */
  public String wire() {
    return wire;
  }

  /** The mode a request names, if any. */
  public static Optional<RestoreMode> fromWire(String value) {
    return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
  }
}
