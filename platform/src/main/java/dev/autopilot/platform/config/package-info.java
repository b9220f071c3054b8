/** Typed configuration shared by every service. */
package dev.autopilot.platform.config;
