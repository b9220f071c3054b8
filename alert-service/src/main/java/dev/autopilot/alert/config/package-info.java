/** alert-service's typed configuration. */
package dev.autopilot.alert.config;
