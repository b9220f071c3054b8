package dev.autopilot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class PublishFailuresTest {
  @Test
  void theRecordsOwnFaultsArePermanent() {
    assertThat(PublishFailures.isPermanent(new ExecutionException(new RecordTooLargeException())))
        .isTrue();
    assertThat(PublishFailures.isPermanent(new InvalidTopicException("no such topic!"))).isTrue();
    assertThat(PublishFailures.isPermanent(new InvalidRecordException("null key, compacted")))
        .isTrue();
  }

  @Test
  void theBrokersTroubleIsWaitedOut() {
    assertThat(PublishFailures.isPermanent(new ExecutionException(new TimeoutException("meta"))))
        .isFalse();
    assertThat(PublishFailures.isPermanent(new NetworkException())).isFalse();
    assertThat(PublishFailures.isPermanent(new NotLeaderOrFollowerException())).isFalse();
    assertThat(PublishFailures.isPermanent(new UnknownTopicOrPartitionException())).isFalse();
    // Not retriable to Kafka, but fixed by an operator or the broker: the record itself is fine.
    assertThat(PublishFailures.isPermanent(new TopicAuthorizationException("t"))).isFalse();
    assertThat(PublishFailures.isPermanent(new UnknownServerException())).isFalse();
    assertThat(PublishFailures.isPermanent(new KafkaException("producer closed"))).isFalse();
    assertThat(PublishFailures.isPermanent(new java.util.concurrent.TimeoutException())).isFalse();
  }
}
