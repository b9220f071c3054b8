package dev.autopilot.backup.worker;

/** How one run of a backup ended, before it is recorded. */
public sealed interface DumpOutcome {
  /** The file is stored under its final name. */
  record Stored(String location, long sizeBytes, String sha256) implements DumpOutcome {}

  /** Nothing was stored; the reason says why. */
  record Failed(String reason) implements DumpOutcome {}
}
