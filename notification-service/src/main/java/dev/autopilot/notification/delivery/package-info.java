/**
 * When to try again, and what each send attempt leaves behind: the retry policy (exponential
 * backoff, a maximum of attempts, no retry of permanent failures) and the attempt recorder (SENT,
 * rescheduled, or FAILED with a notification.failed event in the same transaction).
 */
package dev.autopilot.notification.delivery;
