package dev.autopilot.health.status;

import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetStateRecord;

/** A target with its current state (UNKNOWN with no checks when no state row exists yet). */
public record TargetHealth(TargetRecord target, TargetStateRecord state) {}
