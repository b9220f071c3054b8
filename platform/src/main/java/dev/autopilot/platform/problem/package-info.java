/** RFC 9457 problem+json for every error response; no stack trace reaches a client. */
package dev.autopilot.platform.problem;
