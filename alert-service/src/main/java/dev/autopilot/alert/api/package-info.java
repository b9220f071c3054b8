/** alert-service's HTTP API. */
package dev.autopilot.alert.api;
