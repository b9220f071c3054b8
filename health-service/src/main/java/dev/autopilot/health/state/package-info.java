/**
 * What probe results mean: the thresholds that move a target between UNKNOWN, UP and DOWN ({@link
 * dev.autopilot.health.state.HealthStateMachine}, pure), and the transaction that stores the new
 * state, the probe result and the event it causes together ({@link
 * dev.autopilot.health.state.ProbeResultRecorder}).
 */
package dev.autopilot.health.state;
