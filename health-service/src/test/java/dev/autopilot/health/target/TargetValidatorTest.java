package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
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
      new TargetRecord(
          "api-ready",
          "https://api.example.com/ready?probe=1",
          "api",
          "prod",
          TargetRole.READINESS,
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          200,
          3,
          2,
          Severity.P1,
          "config");

  @Test
  void validTargetHasNoViolations() {
    assertThat(TargetValidator.violations(VALID, MINIMUM)).isEmpty();
    assertThat(TargetValidator.violations(with(t -> t.url("http://10.0.0.5:8080/h")), MINIMUM))
        .isEmpty();
    assertThat(TargetValidator.violations(with(t -> t.interval(MINIMUM)), MINIMUM)).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("id", "lowercase letters", t -> t.id("Api Ready")),
        bad("service", "letters, digits", t -> t.service("")),
        bad("environment", "letters, digits", t -> t.environment("PROD!")),
        bad("url", "http:// or https://", t -> t.url("ftp://api/ready")),
        bad("url", "http:// or https://", t -> t.url("api.example.com/ready")),
        bad("url", "not a valid URL", t -> t.url("http://api/ready path")),
        bad("url", "user info", t -> t.url("https://user:secret@api/ready")),
        bad("url", "must name a host", t -> t.url("http:///ready")),
        bad("url", "cloud metadata", t -> t.url("http://169.254.169.254/latest/meta-data")),
        bad("url", "cloud metadata", t -> t.url("http://metadata.google.internal/computeMetadata")),
        bad("url", "cloud metadata", t -> t.url("http://[fe80::1]/x")),
        bad("url", "cloud metadata", t -> t.url("http://[fd00:ec2::254]/x")),
        bad(
            "interval",
            "is 2s, below the minimum 5s (health.minimum-interval)",
            t -> t.interval(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(1))),
        bad(
            "timeout",
            "is 40s, longer than the interval 30s",
            t -> t.timeout(Duration.ofSeconds(40))),
        bad("timeout", "at least 1ms", t -> t.timeout(Duration.ZERO)),
        bad("expected-status", "is 42, must be between 100 and 599", t -> t.expectedStatus(42)),
        bad("failure-threshold", "is 0, must be between 1 and 100", t -> t.failureThreshold(0)),
        bad("success-threshold", "is 101, must be between 1 and 100", t -> t.successThreshold(101)),
        bad("role", "liveness or readiness", t -> t.role(null)),
        bad("criticality", "P0, P1, P2, P3", t -> t.criticality(null)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalid")
  void violationNamesTheField(String field, String message, TargetRecord target) {
    assertThat(TargetValidator.violations(target, MINIMUM))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(message);
            });
  }

  private static Arguments bad(String field, String message, UnaryOperator<Builder> change) {
    return Arguments.of(field, message, with(change));
  }

  private static TargetRecord with(UnaryOperator<Builder> change) {
    return change.apply(new Builder()).build();
  }

  /** A copy of {@link #VALID} with some fields changed. */
  private static final class Builder {
    private String id = VALID.id();
    private String url = VALID.url();
    private String service = VALID.service();
    private String environment = VALID.environment();
    private TargetRole role = VALID.role();
    private Duration interval = VALID.interval();
    private Duration timeout = VALID.timeout();
    private int expectedStatus = VALID.expectedStatus();
    private int failureThreshold = VALID.failureThreshold();
    private int successThreshold = VALID.successThreshold();
    private Severity criticality = VALID.criticality();

    Builder id(String v) {
      id = v;
      return this;
    }

    Builder url(String v) {
      url = v;
      return this;
    }

    Builder service(String v) {
      service = v;
      return this;
    }

    Builder environment(String v) {
      environment = v;
      return this;
    }

    Builder role(TargetRole v) {
      role = v;
      return this;
    }

    Builder interval(Duration v) {
      interval = v;
      return this;
    }

    Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    Builder expectedStatus(int v) {
      expectedStatus = v;
      return this;
    }

    Builder failureThreshold(int v) {
      failureThreshold = v;
      return this;
    }

    Builder successThreshold(int v) {
      successThreshold = v;
      return this;
    }

    Builder criticality(Severity v) {
      criticality = v;
      return this;
    }

    TargetRecord build() {
      return new TargetRecord(
          id,
          url,
          service,
          environment,
          role,
          interval,
          timeout,
          expectedStatus,
          failureThreshold,
          successThreshold,
          criticality,
          "config");
    }
  }
}
