/** Bearer authentication (hashed API tokens for machines, JWTs for people) and the three roles. */
package dev.autopilot.platform.security;
