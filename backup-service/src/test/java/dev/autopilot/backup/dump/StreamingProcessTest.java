package dev.autopilot.backup.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (coreutils, no shell): streaming, exit codes, stderr, timeouts, sinks. */
class StreamingProcessTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

  @TempDir Path dir;

  @Test
  void streamsStdoutIntoTheSinkMeasuringSizeAndSha256() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    Path file = Files.write(dir.resolve("data.bin"), content);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    MeasuredOutputStream measured = new MeasuredOutputStream(sink);

    StreamingProcess.Result result =
        StreamingProcess.run(
            List.of("cat", file.toString()), ENV, measured, Duration.ofSeconds(30));

    assertThat(result.succeeded()).isTrue();
    assertThat(sink.toByteArray()).isEqualTo(content);
    assertThat(measured.size()).isEqualTo(content.length);
    assertThat(measured.sha256Hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
  }

  @Test
  void failingCommandReportsItsExitCodeAndStderr() throws Exception {
    StreamingProcess.Result result =
        StreamingProcess.run(
            List.of("ls", "/definitely/not/here"),
            ENV,
            OutputStream.nullOutputStream(),
            Duration.ofSeconds(30));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.stderr()).contains("/definitely/not/here");
  }

  @Test
  void stderrIsKeptBounded() throws Exception {
    List<String> command = new ArrayList<>(List.of("ls"));
    for (int i = 0; i < 600; i++) {
      command.add("/missing/path/number-" + i);
    }
    StreamingProcess.Result result =
        StreamingProcess.run(command, ENV, OutputStream.nullOutputStream(), Duration.ofSeconds(30));
    assertThat(result.stderr()).endsWith("(stderr truncated)").contains("number-0");
    assertThat(result.stderr().getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(StreamingProcess.STDERR_LIMIT + 100);
  }

  @Test
  void childSeesExactlyTheGivenEnvironment() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamingProcess.run(
        List.of("env"),
        Map.of("PATH", "/usr/bin:/bin", "ONLY_THIS", "yes"),
        out,
        Duration.ofSeconds(30));
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "ONLY_THIS=yes");
  }

  @Test
  void commandOutlivingItsTimeoutIsKilled() {
    StreamingProcess.Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                StreamingProcess.run(
                    List.of("sleep", "60"),
                    ENV,
                    OutputStream.nullOutputStream(),
                    Duration.ofMillis(300)));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void failingSinkKillsTheCommandAndSurfaces() {
    OutputStream fullDisk =
        new OutputStream() {
          private long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > 1024 * 1024) {
              throw new IOException("No space left on device");
            }
          }
        };
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(
                    () ->
                        StreamingProcess.run(
                            List.of("cat", "/dev/zero"), ENV, fullDisk, Duration.ofMinutes(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No space left"));
  }
}
