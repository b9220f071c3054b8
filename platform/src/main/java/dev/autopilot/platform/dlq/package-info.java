/** Dead letters: records no consumer could process, kept with their reason and replayable. */
package dev.autopilot.platform.dlq;
