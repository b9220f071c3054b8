/**
 * Who was already told: per fingerprint, receiver and channel within the repeat interval (Redis).
 */
package dev.autopilot.notification.dedupe;
