/**
 * Who is paged until someone acknowledges: weekly on-call rotations with overrides, escalation
 * policies (levels with timeouts, repeated), and the persisted escalation timers that walk them.
 */
package dev.autopilot.notification.escalation;
