package dev.autopilot.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** notification-service configuration ({@code notification.*}), validated at startup. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {
  /** The email channel. */
  Email email();

  /** Delivery of pending notifications: polling and retries. */
  Delivery delivery();

  /** Which events become notifications. */
  Events events();

  /** Where the routing tree and receivers come from. */
  Routing routing();

  /** Template overrides. */
  Templates templates();

  /** On-call escalation. */
  Escalation escalation();

  /** Maintenance announcements. */
  Announce announce();

  /** Aggregation groups (routes with group_by). */
  Group group();

  /** PagerDuty acknowledgements flowing back. */
  PagerDuty pagerduty();

  /** PagerDuty acknowledgements flowing back. */
  interface PagerDuty {
    /**
     * The signing secret of the PagerDuty v3 webhook subscription (env
     * NOTIFICATION_PAGERDUTY_WEBHOOK_SECRET); without it the webhook endpoint answers 404.
     */
    Optional<String> webhookSecret();

    /** alert-service's base URL, where acknowledgements are forwarded (env AUTOPILOT_ALERT_URL). */
    Optional<String> alertServiceUrl();
  }

  /** Aggregation groups. */
  interface Group {
    /** How often the group worker looks for groups due to be told. */
    @WithDefault("1s")
    Duration pollInterval();
  }

  /** Maintenance announcements. */
  interface Announce {
    /** How often the announcement worker looks for due announcements. */
    @WithDefault("5s")
    Duration pollInterval();
  }

  /** On-call escalation. */
  interface Escalation {
    /** How often the escalation worker looks for due levels. */
    @WithDefault("1s")
    Duration pollInterval();
  }

  /** Template overrides. */
  interface Templates {
    /**
     * A directory of templates that replace the built-in ones file by file: {@code
     * <dir>/<channel>/<event-type>.txt} and {@code .html}, e.g. {@code email/alert-fired.txt}; read
     * and parsed at startup, so a broken one fails the start.
     */
    Optional<String> dir();
  }

  /** The SMS channel. */
  Sms sms();

  /** Outgoing HTTP for the webhook, Slack, SMS and PagerDuty channels. */
  Http http();

  /** Token buckets per channel and receiver. */
  Throttle throttle();

  /** Where the routing tree and receivers come from. */
  interface Routing {
    /**
     * A YAML routing document (receivers, route, time_intervals); without it, one receiver {@code
     * default} emails {@code notification.email.to}. A document written through the API wins over
     * both.
     */
    Optional<String> file();

    /** How often a replica re-reads the routing written through the API. */
    @WithDefault("5s")
    Duration refresh();
  }

  /** The SMS channel. */
  interface Sms {
    /**
     * Whether SMS integrations send at all (seed runbook 001's FEATURE_SMS_ENABLED); when off, SMS
     * recipients are skipped and logged, other channels of the receiver still deliver.
     */
    @WithDefault("false")
    boolean enabled();
  }

  /** Outgoing HTTP. */
  interface Http {
    /** The longest one HTTP send may take (connect + response); a timeout is retried. */
    @WithDefault("10s")
    Duration timeout();
  }

  /** Token buckets per channel and receiver (in Redis, shared by replicas). */
  interface Throttle {
    /**
     * Messages per hour per receiver on a channel, e.g. {@code
     * notification.throttle.per-hour.sms=10}; a channel not listed is not throttled. A throttled
     * message waits for its token; it is not dropped and the wait is not an attempt.
     */
    Map<String, Integer> perHour();
  }

  /** The email channel. */
  interface Email {
    /** Who receives every notification (the default route): one email per address and event. */
    @WithDefault("oncall@localhost")
    @NotEmpty
    List<@jakarta.validation.constraints.Email @NotBlank String> to();

    /** The sender address of notification emails. */
    @WithDefault("autopilot@localhost")
    @jakarta.validation.constraints.Email
    @NotBlank
    String from();
  }

  /** Delivery of pending notifications: polling and retries. */
  interface Delivery {
    /** How often the delivery worker looks for due notifications. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Notifications sent per worker run at most, so one run never holds the worker for long. */
    @WithDefault("50")
    @Min(1)
    @Max(1000)
    int batchSize();

    /** Send attempts of a notification before it is FAILED and notification.failed is emitted. */
    @WithDefault("5")
    @Min(1)
    @Max(100)
    int maxAttempts();

    /** Wait before the second attempt; doubles after each failed attempt. */
    @WithDefault("2s")
    Duration initialBackoff();

    /** The longest wait between two attempts, however many attempts failed. */
    @WithDefault("10m")
    Duration maxBackoff();

    /**
     * Random share taken off each backoff (0 to 1): with 0.2 a 10 s backoff becomes 8–10 s, so
     * receivers that failed together do not all retry in the same instant.
     */
    @WithDefault("0.2")
    @DecimalMin("0")
    @DecimalMax("1")
    double jitter();

    /**
     * The longest a notification keeps being retried, from its creation: an attempt that would fall
     * later is not made, the notification fails (and falls back) instead.
     */
    @WithDefault("1h")
    Duration maxTotalTime();
  }

  /** Which events become notifications. */
  interface Events {
    /** Whether a completed backup is announced (off: one email per backup is too chatty). */
    @WithDefault("false")
    boolean backupCompleted();

    /**
     * Whether health.degraded / health.recovered are routed (off: alerts are what page people; turn
     * on for routes that want raw health changes, e.g. a chat channel).
     */
    @WithDefault("false")
    boolean health();
  }
}
