/** Plain-SQL plumbing shared by the services' repositories. */
package dev.autopilot.platform.store;
