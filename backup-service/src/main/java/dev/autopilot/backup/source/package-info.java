/**
 * The configured sources as typed definitions, looked up by name. Only admin-written configuration
 * defines a source; a request can only pick one by name.
 */
package dev.autopilot.backup.source;
