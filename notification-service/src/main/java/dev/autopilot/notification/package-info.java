/**
 * notification-service: owns "who is told, how, and when" — turning the suite's events into
 * notifications, delivering them with retries, and reporting the ones that could not be delivered.
 */
package dev.autopilot.notification;
