/** Alert storage in alert-service's own Postgres database. */
package dev.autopilot.alert.store;
