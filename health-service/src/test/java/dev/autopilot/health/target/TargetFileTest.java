package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * targets.yaml: every config pack's file (docs/packs/&lt;pack&gt;/targets.yaml) loads through the
 * production reader and validator, defaults apply, and errors name the target and field.
 */
class TargetFileTest {
  /** The production default of health.minimum-interval. */
  private static final Duration MINIMUM = Duration.ofSeconds(5);

  /** The five seed stacks as configuration packs. */
  private static final List<String> PACKS =
      List.of("express-prisma-api", "lavandaria", "maintainuk", "fetms", "datastores");

  /** docs/packs/ of the repository (tests run in health-service/). */
  static Path packs() {
    Path here = Path.of("").toAbsolutePath();
    Path dir = here.resolve("docs/packs");
    return Files.isDirectory(dir) ? dir : here.getParent().resolve("docs/packs");
  }

  /** Every pack's targets.yaml. */
  static Stream<Path> packFiles() throws IOException {
    try (Stream<Path> dirs = Files.list(packs())) {
      return dirs
          .map(d -> d.resolve("targets.yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("packFiles")
  void everyPacksTargetsFileIsValid(Path file) {
    assertThat(TargetFile.read(file, MINIMUM, Set.of())).isNotEmpty();
  }

  @Test
  void everySeedStackHasAPackWithTargets() throws IOException {
    assertThat(packFiles().map(f -> f.getParent().getFileName().toString())).containsAll(PACKS);
  }

  @Test
  void thePacksCoverEveryKindAndEveryHealthPathOfTheSeeds() throws IOException {
    List<TargetRecord> all =
        packFiles().flatMap(f -> TargetFile.read(f, MINIMUM, Set.of()).stream()).toList();
    assertThat(all).extracting(TargetRecord::kind).contains(TargetKind.values());
    assertThat(all)
        .extracting(TargetRecord::address)
        .anyMatch(a -> a.endsWith("/health"))
        .anyMatch(a -> a.endsWith("/ready"))
        .anyMatch(a -> a.endsWith("/api/healthz"))
        .anyMatch(a -> a.endsWith("/api/readyz"))
        .anyMatch(a -> a.endsWith("/health/ready"))
        .anyMatch(a -> a.endsWith("/api/health"));
  }

  @Test
  void defaultsAndFields() {
    List<TargetRecord> targets =
        TargetFile.parse(
            """
            targets:
              - id: api-live
                service: api
                environment: prod
                url: https://api.example.com/health
              - id: api-db
                service: api
                environment: prod
                address: postgres://probe@db:5432/app
                passwordEnv: API_DB_PROBE_PASSWORD
                interval: 1m
                timeout: 3s
                criticality: p0
                role: readiness
                failureThreshold: 2
                labels: {team: core}
              - id: api-ready
                service: api
                environment: prod
                kind: http
                address: https://api.example.com/ready
                dependsOn: [api-db]
                headers:
                  - name: Authorization
                    valueFromEnv: API_PROBE_TOKEN
                conditions:
                  - "[STATUS] == 200"
                  - "[BODY].status == Healthy"
            """,
            "t.yaml",
            MINIMUM,
            Set.of());
    TargetRecord live = targets.get(0);
    assertThat(live.kind()).isEqualTo(TargetKind.HTTP);
    assertThat(live.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(live.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(live.failureThreshold()).isEqualTo(3);
    assertThat(live.successThreshold()).isEqualTo(2);
    assertThat(live.role()).isEqualTo(TargetRole.READINESS);
    assertThat(live.managedBy()).isEqualTo(TargetRecord.MANAGED_BY_FILE);
    TargetRecord db = targets.get(1);
    assertThat(db.kind()).isEqualTo(TargetKind.POSTGRES);
    assertThat(db.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(db.criticality()).isEqualTo(Severity.P0);
    assertThat(db.labels()).containsEntry("team", "core");
    assertThat(db.passwordEnv()).isEqualTo("API_DB_PROBE_PASSWORD");
    TargetRecord ready = targets.get(2);
    assertThat(ready.dependsOn()).containsExactly("api-db");
    assertThat(ready.headers().get(0).valueFromEnv()).isEqualTo("API_PROBE_TOKEN");
    assertThat(ready.conditions()).hasSize(2);
  }

  @Test
  void everyProblemNamesTheTargetAndField() {
    assertThatThrownBy(
            () ->
                TargetFile.parse(
                    """
                    targets:
                      - id: a
                        service: api
                        environment: prod
                        address: http://a/health
                        interval: 2s
                        timeout: 1s
                      - id: b
                        service: api
                        environment: prod
                        address: http://b/health
                        conditions: ["[STATUS] == 200", "[BODY].status = ok"]
                      - service: api
                        environment: prod
                        address: http://169.254.169.254/latest
                      - id: a
                        service: api
                        environment: prod
                        address: http://a2/health
                        interval: soon
                    """,
                    "t.yaml",
                    MINIMUM,
                    Set.of()))
        .isInstanceOfSatisfying(
            TargetFile.InvalidTargetFileException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field() + " " + p.message())
                    .anyMatch(s -> s.startsWith("a.interval is 2s, below the minimum 5s"))
                    .anyMatch(
                        s -> s.startsWith("b.conditions[1] at position 19: expected an operator"))
                    .anyMatch(s -> s.startsWith("targets[2].id "))
                    .anyMatch(s -> s.startsWith("targets[2].address must not point at"))
                    .anyMatch(s -> s.equals("a.id is used by more than one target"))
                    .anyMatch(s -> s.startsWith("a.interval 'soon' is not a duration")));
  }

  @Test
  void unknownKeysAreErrorsWithTheirPlace() {
    assertThatThrownBy(
            () ->
                TargetFile.parse(
                    """
                    targets:
                      - id: a
                        service: api
                        environment: prod
                        address: http://a/health
                        intervall: 30s
                    """,
                    "t.yaml",
                    MINIMUM,
                    Set.of()))
        .isInstanceOfSatisfying(
            TargetFile.InvalidTargetFileException.class,
            e -> assertThat(e.problems().get(0).field()).isEqualTo("targets[0].intervall"));
  }
}
