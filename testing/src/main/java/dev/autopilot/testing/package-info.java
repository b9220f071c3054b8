/**
 * Test support for every module: one real Kafka, PostgreSQL, Redis and SMTP server per test JVM
 * ({@link dev.autopilot.testing.SharedStack}, wired into Quarkus by {@link
 * dev.autopilot.testing.AutopilotStackResource}), test credentials, a Kafka client for tests and
 * the architecture rules.
 */
package dev.autopilot.testing;
