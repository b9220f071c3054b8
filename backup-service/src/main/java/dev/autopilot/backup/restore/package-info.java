/**
 * Restores (admin, two steps): a request records a restore with a one-time confirm token; the
 * confirmation hands it to the worker, which verifies the stored object's sha256 before touching
 * anything, restores it, and records the outcome with {@code backup.restored}.
 */
package dev.autopilot.backup.restore;
