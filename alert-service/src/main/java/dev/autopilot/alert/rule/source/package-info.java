/** Where rules read values from: pushed samples, a Prometheus HTTP API, the suite's events. */
package dev.autopilot.alert.rule.source;
