/**
 * The deployment saga: QUEUED → BACKING_UP → ROLLING_OUT → VERIFYING → SUCCEEDED | FAILED, one
 * active deployment per service/environment. Every transition and the event announcing it commit
 * together (outbox); long steps run in the {@link dev.autopilot.deploy.saga.SagaWorker} outside any
 * transaction under a renewed lease, so a restarted service resumes them.
 */
package dev.autopilot.deploy.saga;
