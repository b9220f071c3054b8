/**
 * How people are told: one {@link dev.autopilot.notification.channel.Notifier} per channel (email
 * now; Slack, webhooks, SMS, PagerDuty later, one subpackage each). A notifier sends one message
 * and says whether a failure is worth retrying; it never decides when to retry.
 */
package dev.autopilot.notification.channel;
