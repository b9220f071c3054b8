/** How often: token buckets per channel and receiver (Redis), e.g. at most N SMS an hour. */
package dev.autopilot.notification.throttle;
