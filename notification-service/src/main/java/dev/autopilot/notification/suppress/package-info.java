/**
 * alert.suppressed: an announced alert muted by alert-service (silence, maintenance window,
 * inhibition, down dependency) stops being paged and escalated; an alert.fired that is newer than
 * the suppression (the mute ended) pages and escalates it again.
 */
package dev.autopilot.notification.suppress;
