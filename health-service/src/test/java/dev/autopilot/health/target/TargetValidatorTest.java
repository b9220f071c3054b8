package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.TestTargets;
import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule, one bad value at a time: the violation names the field and says why. */
class TargetValidatorTest {
  private static final Duration MINIMUM = Duration.ofSeconds(5);
  private static final TargetRecord VALID =
      TestTargets.http("api-ready", "https://api.example.com/ready?probe=1")
          .service("api")
          .environment("prod")
          .interval(Duration.ofSeconds(30))
          .timeout(Duration.ofSeconds(5))
          .conditions("[STATUS] == 200", "[BODY].status == Healthy")
          .build();

  @Test
  void validTargetsHaveNoViolations() {
    assertThat(violations(VALID)).isEmpty();
    assertThat(violations(with(t -> t.address("http://10.0.0.5:8080/h")))).isEmpty();
    assertThat(violations(with(t -> t.interval(MINIMUM)))).isEmpty();
    assertThat(violations(with(t -> t.kind(TargetKind.TCP).address("tcp://db:5432")))).isEmpty();
    assertThat(
            violations(
                with(
                    t ->
                        t.kind(TargetKind.POSTGRES)
                            .address("postgres://probe@db:5432/app")
                            .passwordEnv("DB_PROBE_PASSWORD"))))
        .isEmpty();
    assertThat(violations(with(t -> t.kind(TargetKind.REDIS).address("redis://cache:6379"))))
        .isEmpty();
    assertThat(
            violations(with(t -> t.headers(new TargetHeader("Authorization", null, "API_TOKEN")))))
        .isEmpty();
    assertThat(violations(with(t -> t.dependsOn("api-db").labels(Map.of("team", "core")))))
        .isEmpty();
  }

  @Test
  void theSsrfAllowListLetsANamedAddressThrough() {
    TargetRecord metadata = with(t -> t.address("http://169.254.169.254/latest"));
    assertThat(violations(metadata)).extracting(TargetViolation::field).containsExactly("address");
    assertThat(TargetValidator.violations(metadata, MINIMUM, Set.of("169.254.169.254"))).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("id", "lowercase letters", t -> t.id("Api Ready")),
        bad("service", "letters, digits", t -> t.service("")),
        bad("environment", "letters, digits", t -> t.environment("PROD!")),
        bad("address", "must start with http://", t -> t.address("ftp://api/ready")),
        bad("address", "must start with http://", t -> t.address("api.example.com/ready")),
        bad("address", "not a valid URL", t -> t.address("http://api/ready path")),
        bad("address", "user info", t -> t.address("https://user:secret@api/ready")),
        bad(
            "address",
            "password",
            t -> t.kind(TargetKind.POSTGRES).address("postgres://u:pw@db/app")),
        bad("address", "must name a host", t -> t.address("http:///ready")),
        bad("address", "cloud metadata", t -> t.address("http://169.254.169.254/latest/meta")),
        bad("address", "cloud metadata", t -> t.address("http://metadata.google.internal/x")),
        bad("address", "cloud metadata", t -> t.address("http://[fe80::1]/x")),
        bad("address", "cloud metadata", t -> t.address("http://[fd00:ec2::254]/x")),
        bad("address", "kind is tcp", t -> t.kind(TargetKind.TCP)),
        bad("address", "needs a port", t -> t.kind(TargetKind.TCP).address("tcp://db")),
        bad(
            "interval",
            "is 2s, below the minimum 5s (health.minimum-interval)",
            t -> t.interval(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(1))),
        bad(
            "timeout",
            "is 40s, longer than the interval 30s",
            t -> t.timeout(Duration.ofSeconds(40))),
        bad("timeout", "at least 1ms", t -> t.timeout(Duration.ZERO)),
        bad(
            "conditions[1]",
            "at position 2: unknown placeholder [STAUS]",
            t -> t.conditions("[STATUS] == 200", " [STAUS] == 200")),
        bad("failureThreshold", "is 0, must be between 1 and 100", t -> t.failureThreshold(0)),
        bad("successThreshold", "is 101, must be between 1 and 100", t -> t.successThreshold(101)),
        bad("role", "liveness or readiness", t -> t.role(null)),
        bad("criticality", "P0, P1, P2, P3", t -> t.criticality(null)),
        bad("dependsOn[0]", "cannot depend on itself", t -> t.dependsOn("api-ready")),
        bad("labels.bad key", "not a valid label name", t -> t.labels(Map.of("bad key", "x"))),
        bad(
            "headers[0]",
            "exactly one of value or valueFromEnv",
            t -> t.headers(new TargetHeader("X-Token", "a", "B"))),
        bad(
            "headers[0].valueFromEnv",
            "environment variable name",
            t -> t.headers(new TargetHeader("X-Token", null, "not-a-name"))),
        bad(
            "headers",
            "only http targets",
            t ->
                t.kind(TargetKind.REDIS)
                    .address("redis://cache:6379")
                    .headers(new TargetHeader("X", "y", null))),
        bad("passwordEnv", "environment variable name", t -> t.passwordEnv("$HOME")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalid")
  void violationNamesTheField(String field, String message, TargetRecord target) {
    assertThat(violations(target))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(message);
            });
  }

  private static java.util.List<TargetViolation> violations(TargetRecord target) {
    return TargetValidator.violations(target, MINIMUM, Set.of());
  }

  private static Arguments bad(
      String field, String message, UnaryOperator<TestTargets.Builder> change) {
    return Arguments.of(field, message, with(change));
  }

  private static TargetRecord with(UnaryOperator<TestTargets.Builder> change) {
    return change.apply(TestTargets.from(VALID)).build();
  }
}
