/**
 * How to probe one target once, without a thread per probe: {@link
 * dev.autopilot.health.probe.Prober} is the seam (HTTP now; TCP, Postgres and Redis later), and a
 * probe always completes with a {@link dev.autopilot.health.probe.ProbeOutcome} whose error says
 * what happened. Not here: when probes run ({@code schedule}) or what results mean ({@code state}).
 */
package dev.autopilot.health.probe;
