/**
 * Where backups are asked for: {@code backup.requested} events and the API. Intake only records a
 * PENDING backup (or a FAILED one for an unknown source); the worker takes it from there.
 */
package dev.autopilot.backup.intake;
