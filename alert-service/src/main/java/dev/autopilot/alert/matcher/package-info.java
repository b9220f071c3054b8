/**
 * Alertmanager's label matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}), shared by silences
 * and inhibition rules.
 */
package dev.autopilot.alert.matcher;
