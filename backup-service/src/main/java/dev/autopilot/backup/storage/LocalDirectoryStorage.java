package dev.autopilot.backup.storage;

import dev.autopilot.backup.config.BackupConfig;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Backup files in a local directory: {@code <directory>/<source>/<fileName>}, written as {@code
 * .<fileName>.partial}, fsynced, then renamed atomically. Only the owner may read them (0600 files
 * in 0700 directories) where the file system has POSIX permissions: they hold the data.
 */
public class LocalDirectoryStorage implements BackupStorage {
  private static final Logger LOG = Logger.getLogger(LocalDirectoryStorage.class);
  private static final String SAFE_NAME = "^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$";
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path root;

  public LocalDirectoryStorage(BackupConfig config) {
    this(Path.of(config.storage().directory()));
  }

  /** Storage under {@code root}, created when first written to. */
  public LocalDirectoryStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The directory holding every source's files. */
  public Path root() {
    return root;
  }

  @Override
  public Upload begin(String source, String fileName) throws IOException {
    if (!source.matches(SAFE_NAME) || !fileName.matches(SAFE_NAME)) {
      throw new IllegalArgumentException("unsafe backup path " + source + "/" + fileName);
    }
    Path dir = root.resolve(source);
    createPrivateDirectories(dir);
    Path target = dir.resolve(fileName);
    Path partial = dir.resolve("." + fileName + ".partial");
    Files.deleteIfExists(partial);
    if (POSIX) {
      Files.createFile(
          partial,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new LocalUpload(partial, target);
  }

  @Override
  public void delete(String location) throws IOException {
    Files.deleteIfExists(fileOf(location));
  }

  @Override
  public InputStream open(String location) throws IOException {
    return Files.newInputStream(fileOf(location));
  }

  @Override
  public Optional<Path> localFile(String location) {
    return Optional.of(fileOf(location));
  }

  /** The file a {@code file:} location names; never outside the storage root. */
  private Path fileOf(String location) {
    Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException(location + " is not under " + root);
    }
    return file;
  }

  private void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(root);
    if (POSIX) {
      try {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another worker made it first
      }
    } else {
      Files.createDirectories(dir);
    }
  }

  /** One file being written under its partial name. */
  private static final class LocalUpload implements Upload {
    private final Path partial;
    private final Path target;
    private final FileOutputStream file;
    private final OutputStream stream;
    private boolean finished;

    LocalUpload(Path partial, Path target) throws IOException {
      this.partial = partial;
      this.target = target;
      this.file = new FileOutputStream(partial.toFile());
      this.stream = new BufferedOutputStream(file, 64 * 1024);
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public String commit() throws IOException {
      if (finished) {
        throw new IllegalStateException("upload of " + target + " already finished");
      }
      stream.flush();
      file.getFD().sync();
      stream.close();
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
      return target.toUri().toString();
    }

    @Override
    public void abort() {
      if (finished) {
        return;
      }
      finished = true;
      try {
        stream.close();
      } catch (IOException e) {
        // the file is deleted next anyway
      }
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        LOG.warnf("cannot delete partial backup file %s: %s", partial, e.getMessage());
      }
    }

    @Override
    public void close() {
      abort();
    }
  }
}
