/** Silences: Alertmanager matchers over a time range mute the alerts they match. */
package dev.autopilot.alert.silence;
