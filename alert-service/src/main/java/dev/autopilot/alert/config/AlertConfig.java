package dev.autopilot.alert.config;

import dev.autopilot.platform.event.v1.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** alert-service configuration ({@code alert.*}). */
@ConfigMapping(prefix = "alert")
public interface AlertConfig {
  /** Alerts opened from health-service events. */
  Health health();

  /** Alerts received from Alertmanager's webhook ({@code POST /webhooks/alertmanager}). */
  Alertmanager alertmanager();

  /** Inhibition rules and down-dependency muting. */
  Inhibit inhibit();

  /** Deploy correlation. */
  Deploy deploy();

  /** Rechecking suppressed alerts. */
  Suppression suppression();

  /** Samples pushed for {@code samples} rules. */
  Samples samples();

  /** Threshold rules. */
  Rules rules();

  /** Samples pushed for {@code samples} rules (metrics.samples and POST /samples). */
  interface Samples {
    /** Most series held; samples of further new series are dropped (and counted). */
    @WithDefault("10000")
    int maxSeries();

    /** Samples kept per series (a ring: 16 bytes each, so 1,024 = 16 KiB per series). */
    @WithDefault("1024")
    int perSeries();

    /**
     * At start (when its {@code metrics.samples} partitions are assigned) a replica re-reads the
     * samples of the last this long from the topic, so windows survive a restart up to Kafka's
     * retention; 0 turns it off (windows then fill from new samples only). Set it to the longest
     * {@code samples.window} in use.
     */
    @WithDefault("1h")
    Duration replay();
  }

  /** Threshold rules. */
  interface Rules {
    /**
     * Prometheus rule files to load at start: files or directories (their *.yml and *.yaml). An
     * invalid file stops the start with its file, line and field.
     */
    Optional<java.util.List<String>> files();

    /** Evaluation interval of rules and groups that name none. */
    @WithDefault("1m")
    Duration defaultInterval();

    /** How often the scheduler looks for groups due for evaluation. */
    @WithDefault("1s")
    Duration tick();

    /** Base URL of the Prometheus-compatible API that prometheus rules query. */
    Optional<String> prometheusUrl();

    /** Timeout of one Prometheus query. */
    @WithDefault("10s")
    Duration prometheusTimeout();
  }

  /** Rechecking suppressed alerts. */
  interface Suppression {
    /**
     * How often suppressed alerts are rechecked: those whose silence, maintenance window,
     * inhibiting alert or down dependency ended fire then.
     */
    @WithDefault("5s")
    Duration recheckInterval();
  }

  /** Inhibition rules and down-dependency muting. */
  interface Inhibit {
    /**
     * An Alertmanager configuration file whose {@code inhibit_rules} (source_matchers,
     * target_matchers, equal) apply; other sections are ignored. Read at start.
     */
    Optional<String> rulesFile();

    /**
     * How long an alert whose health event named a down dependency stays muted even before the
     * dependency's own alert is seen (events of different targets may arrive out of order).
     */
    @WithDefault("60s")
    Duration dependencyGrace();
  }

  /** Deploy correlation. */
  interface Deploy {
    /** Watch window after deploy.succeeded when the event carries no watchUntil. */
    @WithDefault("P2D")
    Duration defaultWatch();
  }

  /** Alerts opened from health-service events. */
  interface Health {
    /** Severity of an alert for a target that is DOWN (when the event carries no severity). */
    @WithDefault("P1")
    Severity downSeverity();

    /** Severity of an alert for a target that is DEGRADED (when the event carries none). */
    @WithDefault("P2")
    Severity degradedSeverity();

    /** Runbook linked from health alerts, e.g. a wiki page; {@code {target}} is replaced. */
    Optional<String> runbookUrl();
  }

  /** Alerts received from Alertmanager's webhook ({@code POST /webhooks/alertmanager}). */
  interface Alertmanager {
    /**
     * Severity of an Alertmanager alert whose {@code severity} label is missing or not one of
     * critical, error, high, page, warning, info, low or P0..P3.
     */
    @WithDefault("P2")
    Severity defaultSeverity();
  }
}
