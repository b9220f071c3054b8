package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.health.history.ProbeHistoryPurge;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.RollupRepository;
import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollups, uptime windows, the status page's JSON twin and badges, from probe results written at
 * known times. The target is stored but kept out of the probe catalog, so only these results count.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class HistoryTest {
  private static final String ID = "hist-api";

  @Inject TargetRepository targets;
  @Inject TargetStateRepository states;
  @Inject ProbeResultRepository results;
  @Inject RollupRepository rollups;
  @Inject ProbeHistoryPurge purge;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  @BeforeEach
  void write() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              targets.upsert(
                  TestTargets.http(ID, "http://127.0.0.1:9/health")
                      .service("hist")
                      .environment("prod")
                      .managedBy("api")
                      .build());
              states.createIfMissing(TargetStateRecord.unknown(ID, now));
              probes(now.minus(Duration.ofDays(3)), 100, 10);
              probes(now.minus(Duration.ofDays(20)), 100, 50);
              probes(now.minus(Duration.ofDays(60)), 100, 0);
              probes(now.minus(Duration.ofDays(100)), 10, 0);
            });
    QuarkusTransaction.requiringNew().run(() -> rollups.rollUp(now.minus(Duration.ofDays(101))));
  }

  /** {@code count} probes in one minute, durations 1..count ms, the first {@code failures} bad. */
  private void probes(Instant minute, int count, int failures) {
    for (int i = 1; i <= count; i++) {
      results.insert(
          new ProbeResultRecord(
              ID,
              minute.plusMillis(i * 10L),
              i > failures,
              i,
              i > failures ? null : "status 500",
              true));
    }
  }

  @AfterEach
  void remove() {
    QuarkusTransaction.requiringNew().run(() -> targets.delete(ID, "api"));
  }

  @Test
  void rollupsHaveCountFailuresAndPercentiles() {
    List<RollupRepository.Minute> minutes =
        rollups.minutes(ID, now.minus(Duration.ofDays(4)), now.plusSeconds(60));
    assertThat(minutes)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.probes()).isEqualTo(100);
              assertThat(m.failures()).isEqualTo(10);
              assertThat(m.p50Ms()).isEqualTo(50.5);
              assertThat(m.p95Ms()).isCloseTo(95.05, org.assertj.core.data.Offset.offset(0.001));
            });
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("minutes", 5 * 24 * 60)
        .get("/targets/" + ID + "/history")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].probes", equalTo(100));
  }

  @Test
  void uptimePerTargetAndServiceOverEachWindow() {
    JsonPath target =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/targets/" + ID + "/uptime")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(target.getString("uptime.last24h")).isNull();
    assertThat(target.getDouble("uptime.last7d")).isEqualTo(90.0);
    assertThat(target.getDouble("uptime.last30d")).isEqualTo(70.0);
    assertThat(target.getDouble("uptime.last90d")).isEqualTo(80.0);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/services/hist/prod/uptime")
        .then()
        .statusCode(200)
        .body("uptime.last7d", equalTo(90.0f));
    given().get("/targets/" + ID + "/uptime").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/services/nope/prod/uptime")
        .then()
        .statusCode(404);
  }

  @Test
  void statusJsonHasNinetyDailyBarsAndBadgesAreSvg() {
    JsonPath status = given().get("/api/status").then().statusCode(200).extract().jsonPath();
    String svc = "services.find { it.service == 'hist' }";
    assertThat(status.getList(svc + ".days")).hasSize(90);
    assertThat(status.getDouble(svc + ".uptime90d")).isEqualTo(80.0);
    assertThat(status.getList(svc + ".days.uptimePercent")).contains(90.0f, 50.0f, 100.0f);
    given()
        .get("/status")
        .then()
        .statusCode(200)
        .body(containsString("90-day uptime: 80.0%"))
        .body(containsString("class=\"bad\""));

    given()
        .queryParam("window", "7d")
        .get("/api/badges/" + ID + "/uptime.svg")
        .then()
        .statusCode(200)
        .contentType(containsString("image/svg+xml"))
        .body(containsString("uptime 7d"))
        .body(containsString("90.00%"));
    given()
        .get("/api/badges/" + ID + "/health.svg")
        .then()
        .statusCode(200)
        .body(containsString("unknown"));
    given()
        .queryParam("window", "1y")
        .get("/api/badges/" + ID + "/uptime.svg")
        .then()
        .statusCode(400);
    given().get("/api/badges/no-such/health.svg").then().statusCode(404);
  }

  @Test
  void purgeKeepsRawResultsSevenDaysAndRollupsNinety() {
    purge.purge(now);
    assertThat(results.latest(ID, 1000))
        .hasSize(100)
        .allSatisfy(r -> assertThat(r.at()).isAfter(now.minus(Duration.ofDays(7))));
    assertThat(rollups.minutes(ID, now.minus(Duration.ofDays(200)), now)).hasSize(3);
  }
}
