package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.FilesSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Archives a directory as tar.gz (Apache Commons Compress), streamed: one file at a time goes
 * through the archiver into the backup, so memory stays flat whatever the directory's size. Entry
 * names are relative to the directory; symbolic links are stored as links, never followed.
 */
@ApplicationScoped
public class FilesDumper implements Dumper {
  @Override
  public SourceKind kind() {
    return SourceKind.FILES;
  }

  @Override
  public String fileExtension() {
    return ".tar.gz";
  }

  @Override
  public DumpInfo dump(BackupSource source, OutputStream out) throws DumpException, IOException {
    Path root = ((FilesSource) source).path();
    if (!Files.isDirectory(root)) {
      throw new DumpException("directory " + root + " does not exist or is not a directory");
    }
    long files = 0;
    long bytes = 0;
    // The archiver's close must not close the backup's stream: storage commits it.
    OutputStream shielded =
        new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(shielded);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
        Stream<Path> walk = Files.walk(root)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
        if (path.equals(root)) {
          continue;
        }
        String name = root.relativize(path).toString().replace('\\', '/');
        if (Files.isSymbolicLink(path)) {
          TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
          link.setLinkName(Files.readSymbolicLink(path).toString());
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          tar.putArchiveEntry(tar.createArchiveEntry(path, name + "/", LinkOption.NOFOLLOW_LINKS));
          tar.closeArchiveEntry();
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          TarArchiveEntry entry = tar.createArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
          tar.putArchiveEntry(entry);
          try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(tar);
          }
          tar.closeArchiveEntry();
          files++;
          bytes += entry.getSize();
        }
      }
      tar.finish();
    } catch (java.io.UncheckedIOException e) {
      throw new DumpException("cannot read " + root + ": " + e.getCause().getMessage());
    }
    return new DumpInfo(
        "commons-compress tar.gz", version(), null, Map.of("files", files, "bytes", bytes));
  }

  private static String version() {
    String v = TarArchiveOutputStream.class.getPackage().getImplementationVersion();
    return "commons-compress " + (v == null ? "unknown" : v);
  }
}
