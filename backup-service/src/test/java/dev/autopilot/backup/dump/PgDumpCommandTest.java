package dev.autopilot.backup.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.backup.source.PostgresSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The password reaches pg_dump only through its environment, which holds nothing else secret. */
class PgDumpCommandTest {
  private static final PostgresSource SHOP =
      new PostgresSource("shop", "db.internal", 6543, "shop", "backup", Optional.of("SHOP_PW"));
  private static final Map<String, String> PARENT =
      Map.of(
          "PATH", "/usr/local/bin:/usr/bin",
          "HOME", "/home/backup",
          "QUARKUS_DATASOURCE_PASSWORD", "the-service-own-secret",
          "SHOP_PW", "s3cret");

  @Test
  void argumentsAreTheDocumentedListWithoutThePassword() {
    PgDumpCommand command =
        PgDumpCommand.of(
            Path.of("/usr/lib/postgresql/16/bin/pg_dump"),
            SHOP,
            Optional.of("s3cret"),
            Duration.ofSeconds(10),
            PARENT);
    assertThat(command.arguments())
        .containsExactly(
            "/usr/lib/postgresql/16/bin/pg_dump",
            "-Fc",
            "-w",
            "-h",
            "db.internal",
            "-p",
            "6543",
            "-U",
            "backup",
            "-d",
            "shop");
    assertThat(String.join(" ", command.arguments())).doesNotContain("s3cret");
    assertThat(command.toString()).doesNotContain("s3cret").contains("PGPASSWORD");
  }

  @Test
  void environmentIsBuiltFromScratchWithThePasswordAsPgPassword() {
    PgDumpCommand command =
        PgDumpCommand.of(
            Path.of("pg_dump"), SHOP, Optional.of("s3cret"), Duration.ofSeconds(7), PARENT);
    assertThat(command.environment())
        .containsEntry("PGPASSWORD", "s3cret")
        .containsEntry("PATH", "/usr/local/bin:/usr/bin")
        .containsEntry("HOME", "/home/backup")
        .containsEntry("PGCONNECT_TIMEOUT", "7")
        .containsEntry("PGAPPNAME", PgDumpCommand.APPLICATION_NAME)
        .doesNotContainKeys("QUARKUS_DATASOURCE_PASSWORD", "SHOP_PW");
  }

  @Test
  void noPasswordMeansNoPgPassword() {
    PgDumpCommand command =
        PgDumpCommand.of(
            Path.of("pg_dump"), SHOP, Optional.empty(), Duration.ofSeconds(10), Map.of());
    assertThat(command.environment()).doesNotContainKey("PGPASSWORD");
    assertThat(command.environment().keySet())
        .containsExactlyInAnyOrderElementsOf(
            List.of("PATH", "LC_ALL", "PGAPPNAME", "PGCONNECT_TIMEOUT"));
  }
}
