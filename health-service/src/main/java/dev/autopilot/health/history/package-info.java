/**
 * Probe history: per-minute rollups (count, failures, p50/p95) kept 90 days, raw results kept 7
 * days, and uptime over 24 h / 7 d / 30 d / 90 d computed from the rollups.
 */
package dev.autopilot.health.history;
