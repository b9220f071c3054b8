/** alert-service: owns "what is wrong" — alerts, their lifecycle and their events. */
package dev.autopilot.alert;
