package dev.autopilot.alert.ingest.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager posts to a {@code webhook_configs} receiver (webhook version 4). Only what
 * alert-service uses is typed; everything else is ignored.
 *
 * @param version the webhook format version; only {@code "4"} is understood
 * @param alerts the alerts of the notified group, firing and resolved
 * @param truncatedAlerts how many alerts Alertmanager left out ({@code max_alerts})
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(
    @NotNull @Pattern(regexp = "4", message = "must be \"4\" (Alertmanager webhook version 4)")
        String version,
    String receiver,
    String status,
    String groupKey,
    String externalURL,
    @NotEmpty List<@NotNull @Valid Alert> alerts,
    @PositiveOrZero Integer truncatedAlerts) {

  /** {@code firing}: the alert fires. */
  public static final String FIRING = "firing";

  /** {@code resolved}: the alert stopped firing. */
  public static final String RESOLVED = "resolved";

  /**
   * One alert of the group.
   *
   * @param status {@code firing} or {@code resolved}
   * @param labels the alert's identity; {@code alertname} is required
   * @param annotations human text: summary, description, runbook_url
   * @param startsAt when it started firing
   * @param endsAt when it stopped ({@code 0001-01-01T00:00:00Z} while firing)
   * @param fingerprint Alertmanager's own fingerprint (informational)
   */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  @AlertnameLabel
  public record Alert(
      @NotNull @Pattern(regexp = "firing|resolved", message = "must be \"firing\" or \"resolved\"")
          String status,
      @NotNull Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorURL,
      String fingerprint) {

    /** The {@code alertname} label. */
    public String alertname() {
      return labels == null ? null : labels.get("alertname");
    }

    /** True for a firing alert. */
    public boolean firing() {
      return FIRING.equals(status);
    }
  }
}
