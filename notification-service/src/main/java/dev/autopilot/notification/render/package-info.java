/**
 * What people are told: Qute templates per channel and event type ({@code templates/<channel>/}),
 * rendered once when the notification is recorded, so what was sent is what the log shows.
 *
 * <p>Writing templates: rendering is strict, and optional event fields are null. Guard them with
 * {@code ?:} or {@code {#if x??}}; in an {@code a ?: b ?: c} chain only {@code a} may pass through
 * a possibly null object (such as {@code alert}, unknown when the alert's firing was never seen),
 * because the fallbacks are evaluated strictly. MessageRendererTest renders every template with
 * only the required fields.
 */
package dev.autopilot.notification.render;
