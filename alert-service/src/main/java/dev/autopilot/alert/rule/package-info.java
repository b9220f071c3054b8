/**
 * Threshold rules: definitions (REST and Prometheus rule files), Prometheus's pending → firing
 * semantics ({@code for}, {@code keep_firing_for}), the evaluation loop (one replica per group at a
 * time) and the sources rules read: pushed samples, Prometheus queries and the suite's events.
 */
package dev.autopilot.alert.rule;
