package dev.autopilot.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.backup.dump.DumpException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extraction never writes outside its folder and never into a non-empty one. */
class FilesRestorerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/etc/escape.txt"})
  void entriesLeavingTheFolderAreRefused(String name) throws Exception {
    Path archive = archive(name, "x");
    Path target = dir.resolve("out");
    assertThatThrownBy(() -> FilesRestorer.extract(archive, target))
        .isInstanceOf(DumpException.class)
        .hasMessageContaining("outside");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }

  @Test
  void aNonEmptyFolderIsRefused() throws Exception {
    Path target = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> FilesRestorer.extract(archive("a.txt", "x"), target))
        .isInstanceOf(DumpException.class)
        .hasMessageContaining("not empty");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");
  }

  @Test
  void filesAreExtracted() throws Exception {
    Path target = dir.resolve("fresh");
    assertThat(FilesRestorer.extract(archive("sub/a.txt", "content"), target)).isEqualTo(1);
    assertThat(Files.readString(target.resolve("sub/a.txt"))).isEqualTo("content");
  }

  private Path archive(String name, String content) throws Exception {
    Path archive = Files.createTempFile(dir, "a", ".tar.gz");
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    return archive;
  }
}
