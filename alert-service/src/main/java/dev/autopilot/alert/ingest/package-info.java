/** Where alerts come from: the suite's own events (health now; rules and Alertmanager later). */
package dev.autopilot.alert.ingest;
