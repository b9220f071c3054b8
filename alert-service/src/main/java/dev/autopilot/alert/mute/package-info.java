/**
 * Whether an alert is muted (maintenance, silence, inhibition, down dependency): {@link
 * dev.autopilot.alert.mute.Muting} decides for every path, against a {@link
 * dev.autopilot.alert.mute.MuteSnapshot} of what mutes, read once.
 */
package dev.autopilot.alert.mute;
