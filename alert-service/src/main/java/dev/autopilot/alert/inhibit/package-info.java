/**
 * Inhibition: Alertmanager's inhibit rules (an active source alert mutes target alerts that share
 * the {@code equal} labels) and the down-dependency case health-service names in {@code
 * suppressedBy}.
 */
package dev.autopilot.alert.inhibit;
