/**
 * Who is told: the route a notice takes to its receivers. Today one default route (every notice to
 * the configured email receivers); the routing tree (matchers on event type, severity, labels,
 * service, with per-route receivers and channels) grows here.
 */
package dev.autopilot.notification.route;
