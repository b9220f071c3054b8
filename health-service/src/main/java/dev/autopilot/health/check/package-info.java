/**
 * On-demand checks for deploy-service's health gate: probe a target or a whole service/environment
 * now (not cached, not recorded) and answer UP or DOWN.
 */
package dev.autopilot.health.check;
