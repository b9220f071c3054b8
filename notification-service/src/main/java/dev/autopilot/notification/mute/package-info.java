/**
 * When not to tell: named time intervals that mute a route (mute_time_intervals) or are the only
 * times it is active (active_time_intervals).
 */
package dev.autopilot.notification.mute;
