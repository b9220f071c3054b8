/**
 * Whether an alert is muted: one {@link dev.autopilot.alert.mute.Muter} per reason (maintenance,
 * silence, inhibition, down dependency), asked in order by {@link dev.autopilot.alert.mute.Muting}.
 */
package dev.autopilot.alert.mute;
