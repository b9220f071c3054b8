/**
 * Which targets exist: configured targets are validated and written to the {@code target} table at
 * start (config as code), and {@link dev.autopilot.health.target.TargetCatalog} holds the targets
 * the probes run against. Not here: probing itself ({@code probe}) and what results mean ({@code
 * state}).
 */
package dev.autopilot.health.target;
