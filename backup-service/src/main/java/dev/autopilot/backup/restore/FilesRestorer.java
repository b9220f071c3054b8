package dev.autopilot.backup.restore;

import dev.autopilot.backup.dump.DumpException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a verified tar.gz into a folder that does not exist yet (or is empty). Every entry must
 * land inside the folder (no {@code ..}, no absolute names); symbolic links are created last, so no
 * file is ever written through one.
 */
public final class FilesRestorer {
  private FilesRestorer() {}

  /**
   * Extracts {@code archive} into {@code target}.
   *
   * @return how many regular files were written
   */
  public static long extract(Path archive, Path target) throws DumpException, IOException {
    Path root = target.toAbsolutePath().normalize();
    if (Files.exists(root)) {
      try (Stream<Path> children = Files.list(root)) {
        if (children.findAny().isPresent()) {
          throw new DumpException("folder " + root + " is not empty; restore refused");
        }
      }
    }
    Files.createDirectories(root);
    List<Map.Entry<Path, String>> links = new ArrayList<>();
    long files = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        GzipCompressorInputStream gzip = new GzipCompressorInputStream(in);
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root) || path.equals(root) && !entry.isDirectory()) {
          throw new DumpException(
              "archive entry '" + entry.getName() + "' would land outside " + root);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          links.add(Map.entry(path, entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          try (OutputStream out =
              Files.newOutputStream(
                  path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            tar.transferTo(out);
          }
          Files.setLastModifiedTime(
              path, java.nio.file.attribute.FileTime.from(entry.getModTime().toInstant()));
          files++;
        }
      }
    }
    for (Map.Entry<Path, String> link : links) {
      Files.createDirectories(link.getKey().getParent());
      Files.createSymbolicLink(link.getKey(), Path.of(link.getValue()));
    }
    return files;
  }
}
