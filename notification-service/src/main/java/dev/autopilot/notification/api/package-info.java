/**
 * notification-service's HTTP API: the notification log (viewer) and retrying a failure (operator).
 */
package dev.autopilot.notification.api;
