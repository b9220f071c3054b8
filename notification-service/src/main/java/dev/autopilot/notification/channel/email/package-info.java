/**
 * The email channel: sends a notification's rendered subject and bodies over SMTP with the Quarkus
 * Mailer, and tells retriable SMTP failures from permanent ones.
 */
package dev.autopilot.notification.channel.email;
