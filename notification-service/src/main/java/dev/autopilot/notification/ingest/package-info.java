/**
 * Where notifications come from: one consumer per topic of the events people are told about
 * (alerts, deployments, backups). Each turns its event into a notice for the pipeline, inside the
 * transaction that claims the event in the inbox, and keeps the alert bookkeeping resolutions and
 * acknowledgements need.
 */
package dev.autopilot.notification.ingest;
