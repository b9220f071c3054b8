/** Plain Kafka clients the platform owns: the outbox's producer and topic creation. */
package dev.autopilot.platform.kafka;
