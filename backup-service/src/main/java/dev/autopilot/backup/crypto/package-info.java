/** Client-side encryption of backup objects: streaming AES-256-GCM frames, key by env var. */
package dev.autopilot.backup.crypto;
