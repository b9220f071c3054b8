/**
 * Alertmanager webhook (v4) ingestion: firing alerts fire, resolved alerts resolve, one webhook in
 * one transaction.
 */
package dev.autopilot.alert.ingest.alertmanager;
