/**
 * When probes run: a one-second tick starts the probes that are due (first probe jittered), keeps a
 * bound on probes in flight, and hands each result to the state recorder on a worker thread.
 */
package dev.autopilot.health.schedule;
