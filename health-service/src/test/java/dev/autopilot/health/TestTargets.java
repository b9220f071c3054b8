package dev.autopilot.health;

import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Target records for tests: an HTTP readiness target with the defaults, changed field by field. */
public final class TestTargets {
  private TestTargets() {}

  /** A builder starting from an HTTP target {@code id} of service svc/test at {@code address}. */
  public static Builder http(String id, String address) {
    return new Builder().id(id).address(address);
  }

  /** A builder starting from {@code target}. */
  public static Builder from(TargetRecord t) {
    Builder b = new Builder();
    b.id = t.id();
    b.service = t.service();
    b.environment = t.environment();
    b.kind = t.kind();
    b.address = t.address();
    b.role = t.role();
    b.interval = t.interval();
    b.timeout = t.timeout();
    b.conditions = t.conditions();
    b.failureThreshold = t.failureThreshold();
    b.successThreshold = t.successThreshold();
    b.criticality = t.criticality();
    b.dependsOn = t.dependsOn();
    b.labels = t.labels();
    b.headers = t.headers();
    b.passwordEnv = t.passwordEnv();
    b.managedBy = t.managedBy();
    return b;
  }

  /** Field-by-field changes of a target. */
  public static final class Builder {
    private String id = "t";
    private String service = "svc";
    private String environment = "test";
    private TargetKind kind = TargetKind.HTTP;
    private String address = "http://127.0.0.1:9/ready";
    private TargetRole role = TargetRole.READINESS;
    private Duration interval = Duration.ofSeconds(30);
    private Duration timeout = Duration.ofSeconds(5);
    private List<String> conditions = List.of();
    private int failureThreshold = 3;
    private int successThreshold = 2;
    private Severity criticality = Severity.P1;
    private List<String> dependsOn = List.of();
    private Map<String, String> labels = Map.of();
    private List<TargetHeader> headers = List.of();
    private String passwordEnv;
    private String managedBy = TargetRecord.MANAGED_BY_CONFIG;

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder service(String v) {
      service = v;
      return this;
    }

    public Builder environment(String v) {
      environment = v;
      return this;
    }

    public Builder kind(TargetKind v) {
      kind = v;
      return this;
    }

    public Builder address(String v) {
      address = v;
      return this;
    }

    public Builder role(TargetRole v) {
      role = v;
      return this;
    }

    public Builder interval(Duration v) {
      interval = v;
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder conditions(String... v) {
      conditions = List.of(v);
      return this;
    }

    public Builder failureThreshold(int v) {
      failureThreshold = v;
      return this;
    }

    public Builder successThreshold(int v) {
      successThreshold = v;
      return this;
    }

    public Builder criticality(Severity v) {
      criticality = v;
      return this;
    }

    public Builder dependsOn(String... v) {
      dependsOn = List.of(v);
      return this;
    }

    public Builder labels(Map<String, String> v) {
      labels = v;
      return this;
    }

    public Builder headers(TargetHeader... v) {
      headers = List.of(v);
      return this;
    }

    public Builder passwordEnv(String v) {
      passwordEnv = v;
      return this;
    }

    public Builder managedBy(String v) {
      managedBy = v;
      return this;
    }

    public TargetRecord build() {
      return new TargetRecord(
          id,
          service,
          environment,
          kind,
          address,
          role,
          interval,
          timeout,
          conditions,
          failureThreshold,
          successThreshold,
          criticality,
          dependsOn,
          labels,
          headers,
          passwordEnv,
          managedBy);
    }
  }
}
