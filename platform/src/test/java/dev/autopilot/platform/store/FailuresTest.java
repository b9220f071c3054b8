package dev.autopilot.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void anUnreachableDatabaseIsInfrastructure() {
    assertThat(Failures.isInfrastructure(new SQLTransientConnectionException("pool gave up")))
        .isTrue();
    assertThat(
            Failures.isInfrastructure(
                new DataAccessException("select 1", new SQLException("refused", "08001"))))
        .isTrue();
    assertThat(
            Failures.isInfrastructure(
                new IllegalStateException(new SQLException("shutting down", "57P01"))))
        .isTrue();
  }

  @Test
  void aBadStatementOrValueIsNot() {
    assertThat(
            Failures.isInfrastructure(
                new DataAccessException("insert", new SQLException("duplicate", "23505"))))
        .isFalse();
    assertThat(Failures.isInfrastructure(new IllegalArgumentException("bad"))).isFalse();
  }
}
