/**
 * Alerts that a maintenance window held (MUTED) and that still fire when it ends are paged then,
 * once, as Alertmanager notifies the alerts a silence held when it expires.
 */
package dev.autopilot.notification.repage;
