package dev.autopilot.backup.restore;

import dev.autopilot.backup.dump.DumpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Puts a verified RDB snapshot where a redis-server loads it at startup. Redis loads its RDB only
 * when it starts (and overwrites it on SHUTDOWN unless told NOSAVE), so backup-service writes the
 * file and the operator restarts the server; nothing here talks to a running server.
 *
 * <ul>
 *   <li>{@link #replace}: the source's configured {@code restore-path} is replaced atomically (a
 *       partial file beside it, fsync, rename); the file it replaces is kept as {@code
 *       <name>.before-restore-<restore id>}.
 *   <li>{@link #intoFolder}: {@code dump.rdb} in a folder that does not exist yet or is empty, for
 *       {@code redis-server --dir <folder> --dbfilename dump.rdb}.
 * </ul>
 */
public final class RedisRestorer {
  /** The file name a folder restore writes (redis-server's default dbfilename). */
  public static final String FOLDER_FILE = "dump.rdb";

  private RedisRestorer() {}

  /**
   * Replaces {@code target} with {@code rdb}, keeping the file it replaces.
   *
   * @param restoreId names the kept file, so a re-run of the same restore keeps the original
   * @return the kept previous file, or null when there was none
   */
  public static Path replace(Path rdb, Path target, String restoreId)
      throws DumpException, IOException {
    checkRdb(rdb);
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new DumpException(
          "the folder of restore-path " + target + " does not exist; restore refused");
    }
    Path partial = parent.resolve("." + target.getFileName() + ".restore-partial");
    Path kept = parent.resolve(target.getFileName() + ".before-restore-" + restoreId);
    copySynced(rdb, partial);
    try {
      // A re-run after a crash finds the original already kept: keep that one, not the restored.
      if (Files.exists(target) && !Files.exists(kept)) {
        Files.move(target, kept, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return Files.exists(kept) ? kept : null;
  }

  /**
   * Writes {@code rdb} as {@code dump.rdb} into {@code folder} (new or empty).
   *
   * @param rerun true on a re-run after a crash: a {@code dump.rdb} there is the crashed attempt's
   */
  public static Path intoFolder(Path rdb, Path folder, boolean rerun)
      throws DumpException, IOException {
    checkRdb(rdb);
    Path root = folder.toAbsolutePath().normalize();
    if (Files.exists(root)) {
      try (Stream<Path> children = Files.list(root)) {
        if (children.anyMatch(
            p ->
                !p.getFileName().toString().startsWith("." + FOLDER_FILE)
                    && !(rerun && p.getFileName().toString().equals(FOLDER_FILE)))) {
          throw new DumpException("folder " + root + " is not empty; restore refused");
        }
      }
    }
    Files.createDirectories(root);
    Path target = root.resolve(FOLDER_FILE);
    Path partial = root.resolve("." + FOLDER_FILE + ".restore-partial");
    copySynced(rdb, partial);
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Refuses anything that does not start like an RDB file ({@code REDIS} + 4 version digits). */
  static void checkRdb(Path rdb) throws DumpException, IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(rdb)) {
      head = in.readNBytes(9);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (!text.matches("REDIS[0-9]{4}")) {
      throw new DumpException(
          "the backup is not an RDB snapshot (it does not start with REDIS and a version);"
              + " restore refused, nothing was touched");
    }
  }

  private static void copySynced(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
