/**
 * Consuming catalog events: decode, validate, process once (inbox) in one transaction, retry what
 * is retriable and dead-letter what is not. Services call {@link
 * dev.autopilot.platform.consume.EventConsumer} from their {@code @Incoming} methods.
 */
package dev.autopilot.platform.consume;
