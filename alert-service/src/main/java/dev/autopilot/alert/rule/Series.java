package dev.autopilot.alert.rule;

import java.util.Map;

/** One result series of a rule's expression: its labels and value at the evaluation. */
public record Series(Map<String, String> labels, double value) {}
