/** Version 1 of the data of every catalog event; a breaking change means a new v2 package. */
package dev.autopilot.platform.event.v1;
