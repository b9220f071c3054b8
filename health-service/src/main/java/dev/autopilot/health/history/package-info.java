/** Probe history kept for uptime: retention of probe results (the uptime API comes later). */
package dev.autopilot.health.history;
