/** The alert lifecycle (fire, resolve, acknowledge) and alert identity (fingerprints). */
package dev.autopilot.alert.lifecycle;
