/**
 * What the pipeline is asked to tell people about: one consumed event with the context it needs
 * (for an alert's resolution or acknowledgement, the alert that fired).
 */
package dev.autopilot.notification.notice;
