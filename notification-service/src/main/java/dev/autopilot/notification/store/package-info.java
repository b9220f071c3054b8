/**
 * notification-service's storage in its own Postgres database: the notification log (what is to be
 * or was sent to whom, and how delivery went) and the alerts it has been told about.
 */
package dev.autopilot.notification.store;
