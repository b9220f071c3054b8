package dev.autopilot.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;

/** notification-service configuration ({@code notification.*}), validated at startup. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {
  /** The email channel. */
  Email email();

  /** Delivery of pending notifications: polling and retries. */
  Delivery delivery();

  /** Which events become notifications. */
  Events events();

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
  }

  /** Which events become notifications. */
  interface Events {
    /** Whether a completed backup is announced (off: one email per backup is too chatty). */
    @WithDefault("false")
    boolean backupCompleted();
  }
}
