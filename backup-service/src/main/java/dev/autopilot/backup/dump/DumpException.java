package dev.autopilot.backup.dump;

/**
 * A dump that could not be taken. Its message is the failure reason stored with the backup and sent
 * in {@code backup.failed}, so it names what went wrong and never holds a secret.
 */
public class DumpException extends Exception {
  public DumpException(String message) {
    super(message);
  }
}
