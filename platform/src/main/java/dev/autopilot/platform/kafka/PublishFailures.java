package dev.autopilot.platform.kafka;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Classifies a failed send: is it the record's fault (sending it again can never work) or the
 * broker's (unreachable, a leader moving, a timeout: wait and send again)?
 *
 * <p>An allowlist, not Kafka's own {@code RetriableException} split: that one calls authorization
 * and unknown-server errors non-retriable too, and those are fixed by an operator or by the broker
 * coming back, after which the record publishes as it is. Only errors about the record itself (its
 * size, its topic's name, its shape as the broker validates it) set a record aside.
 */
public final class PublishFailures {
  private PublishFailures() {}

  /** True when sending this record again cannot succeed. */
  public static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ExecutionException) {
        continue;
      }
      if (t instanceof RecordTooLargeException
          || t instanceof RecordBatchTooLargeException
          || t instanceof InvalidTopicException
          || t instanceof InvalidRecordException) {
        return true;
      }
    }
    return false;
  }
}
