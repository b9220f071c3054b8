package dev.autopilot.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files appear under their final name only when committed; nothing partial is ever left. */
class LocalDirectoryStorageTest {
  @TempDir Path root;

  @Test
  void committedFileAppearsUnderItsNameAndOnlyTheOwnerMayReadIt() throws Exception {
    LocalDirectoryStorage storage = new LocalDirectoryStorage(root);
    String location;
    try (Upload upload = storage.begin("shop", "20261123T100000Z-a.dump")) {
      upload.stream().write("dump bytes".getBytes(StandardCharsets.UTF_8));
      assertThat(root.resolve("shop/20261123T100000Z-a.dump")).doesNotExist();
      location = upload.commit();
    }
    Path file = Path.of(URI.create(location));
    assertThat(location).startsWith("file:/");
    assertThat(file).isEqualTo(root.resolve("shop/20261123T100000Z-a.dump"));
    assertThat(file).hasContent("dump bytes");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void abortedOrAbandonedUploadLeavesNothing() throws Exception {
    LocalDirectoryStorage storage = new LocalDirectoryStorage(root);
    Upload aborted = storage.begin("shop", "x.dump");
    aborted.stream().write(new byte[1000]);
    aborted.abort();
    try (Upload abandoned = storage.begin("shop", "y.dump")) {
      abandoned.stream().write(new byte[1000]);
    }
    assertThat(Files.list(root.resolve("shop"))).isEmpty();
  }

  @Test
  void aNewAttemptReplacesALeftoverPartialFile() throws Exception {
    LocalDirectoryStorage storage = new LocalDirectoryStorage(root);
    Files.createDirectories(root.resolve("shop"));
    Files.writeString(root.resolve("shop/.z.dump.partial"), "from a crashed attempt");
    try (Upload upload = storage.begin("shop", "z.dump")) {
      upload.stream().write('!');
      upload.commit();
    }
    assertThat(root.resolve("shop/z.dump")).hasContent("!");
    assertThat(root.resolve("shop/.z.dump.partial")).doesNotExist();
  }

  @Test
  void namesThatCouldEscapeTheDirectoryAreRefused() {
    LocalDirectoryStorage storage = new LocalDirectoryStorage(root);
    assertThatThrownBy(() -> storage.begin("..", "x.dump"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.begin("shop", "../x.dump"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.delete("file:///etc/hostname"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRemovesACommittedFile() throws Exception {
    LocalDirectoryStorage storage = new LocalDirectoryStorage(root);
    String location;
    try (Upload upload = storage.begin("shop", "d.dump")) {
      location = upload.commit();
    }
    storage.delete(location);
    assertThat(Path.of(URI.create(location))).doesNotExist();
    storage.delete(location);
  }
}
