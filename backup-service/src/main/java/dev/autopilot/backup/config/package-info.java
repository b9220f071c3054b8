/** backup-service's typed configuration and the startup check that refuses a bad one. */
package dev.autopilot.backup.config;
