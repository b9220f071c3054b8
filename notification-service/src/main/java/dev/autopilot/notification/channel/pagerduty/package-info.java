/**
 * The PagerDuty Events API v2 channel: trigger, acknowledge, resolve by the alert's fingerprint.
 */
package dev.autopilot.notification.channel.pagerduty;
