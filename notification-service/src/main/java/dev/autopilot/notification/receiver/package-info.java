/**
 * Who can be told: receivers and their channel integrations, compiled from the routing document.
 * Secrets are referenced by environment-variable name and resolved only when sending ({@link
 * dev.autopilot.notification.receiver.Secrets}), so no API or log ever shows them.
 */
package dev.autopilot.notification.receiver;
