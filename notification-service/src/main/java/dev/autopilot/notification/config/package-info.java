/** notification-service's typed configuration. */
package dev.autopilot.notification.config;
