package dev.autopilot.deploy.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autopilot.deploy.maintenance.MaintenanceWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config pack's deploy.yaml (docs/packs/<pack>/deploy.yaml) loads through the loader and
 * validator deploy-service runs at start for {@code deploy.targets-file} ({@link
 * TargetSeeder#fromYaml}, {@link TargetSeeder#problems}) without a single problem; its health gates
 * name targets of the same pack's targets.yaml; production waits for the Sunday 02:00–04:00 GMT
 * window.
 */
class ConfigPacksTest {
  private static final Path PACKS = Path.of("..", "docs", "packs").toAbsolutePath().normalize();
  private static final List<String> EXPECTED =
      List.of("datastores", "express-prisma-api", "fetms", "lavandaria", "maintainuk");

  static Stream<String> packs() {
    return EXPECTED.stream();
  }

  @Test
  void everyPackHasADeployFile() throws IOException {
    try (Stream<Path> dirs = Files.list(PACKS)) {
      List<String> withDeploy =
          dirs.filter(d -> Files.exists(d.resolve("deploy.yaml")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
      assertThat(withDeploy).containsExactlyElementsOf(EXPECTED);
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void loadsThroughTheServicesOwnLoaderWithoutProblems(String pack) throws IOException {
    TargetSeeder.TargetsFile file =
        TargetSeeder.fromYaml(PACKS.resolve(pack).resolve("deploy.yaml"));

    assertThat(TargetSeeder.problems(file)).as(pack).isEmpty();
    assertThat(file.targets()).as(pack).isNotEmpty();

    Set<String> healthTargets = healthTargetIds(pack);
    for (TargetConfig target : file.targets()) {
      TargetConfig t = target.withDefaults();
      for (String id : t.healthGate().targets()) {
        assertThat(healthTargets).as(pack + " " + t.target() + " gates on " + id).contains(id);
      }
      if ("prod".equals(t.environment())) {
        assertThat(t.requiresMaintenanceWindow()).as(t.target()).isTrue();
        assertThat(t.backupSource()).as(t.target() + " restore point").isNotNull();
        assertThat(backupSources(pack))
            .as(pack + " backup.yaml has the restore point's source")
            .contains(t.backupSource());
        assertThat(file.maintenanceWindows())
            .as(t.target() + " has the Sunday 02:00-04:00 GMT window")
            .anySatisfy(w -> assertSundayTwoToFourGmt(w, t.service()));
        assertThat(file.freezes())
            .as(t.target() + " freezes")
            .anySatisfy(f -> assertThat(f.holds(t.service(), "prod", f.startsAt())).isTrue());
      }
    }
  }

  @Test
  void aBrokenFileIsReportedFieldByField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("deploy.yaml");
    Files.writeString(
        file,
        """
        targets:
          - service: shop-api
            environment: prod
            healthGate: {targets: ["not a name"], source: url, url: https://x.example.com/ready}
        maintenanceWindows:
          - environment: prod
            cron: "0 0 2 ? * FUNDAY"
            durationSeconds: 7200
            zone: GMT
        freezes:
          - environment: prod
            startsAt: "2026-12-21T00:00:00Z"
            endsAt: "2026-12-20T00:00:00Z"
            reason: backwards
        """);
    List<String> problems = TargetSeeder.problems(TargetSeeder.fromYaml(file));
    assertThat(problems)
        .anyMatch(p -> p.startsWith("shop-api/prod: commands.deploy is required"))
        .anyMatch(p -> p.startsWith("shop-api/prod: healthGate.targets[0]"))
        .anyMatch(
            p -> p.startsWith("shop-api/prod: healthGate.targets needs source health-service"))
        .anyMatch(p -> p.startsWith("maintenanceWindows[0]: cron is not a Quartz cron expression"))
        .anyMatch(p -> p.equals("freezes[0]: endsAt must be after startsAt"));
  }

  private static void assertSundayTwoToFourGmt(MaintenanceWindow w, String service) {
    assertThat(w.covers(service, "prod")).isTrue();
    Instant from = Instant.parse("2026-11-23T00:00:00Z");
    List<MaintenanceWindow.Occurrence> next = w.occurrences(from, from.plusSeconds(14 * 86400));
    assertThat(next).hasSize(2);
    for (MaintenanceWindow.Occurrence o : next) {
      ZonedDateTime start = o.startsAt().atZone(ZoneOffset.UTC);
      assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
      assertThat(start.getHour()).isEqualTo(2);
      assertThat(o.endsAt().atZone(ZoneOffset.UTC).getHour()).isEqualTo(4);
    }
  }

  /** The backup-service sources of the pack (docs/packs/<pack>/backup.yaml: backup.sources). */
  private static Set<String> backupSources(String pack) throws IOException {
    JsonNode root = new YAMLMapper().readTree(PACKS.resolve(pack).resolve("backup.yaml").toFile());
    Set<String> names = new HashSet<>();
    root.path("backup").path("sources").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The ids of the pack's health targets (docs/packs/<pack>/targets.yaml). */
  private static Set<String> healthTargetIds(String pack) throws IOException {
    JsonNode root = new YAMLMapper().readTree(PACKS.resolve(pack).resolve("targets.yaml").toFile());
    Set<String> ids = new HashSet<>();
    root.path("targets").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }
}
