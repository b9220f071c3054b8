/** Signed one-time acknowledge links that notifications carry. */
package dev.autopilot.alert.ack;
