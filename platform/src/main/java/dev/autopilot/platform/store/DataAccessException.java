package dev.autopilot.platform.store;

import java.sql.SQLException;

/**
 * A statement failed. Keeps the {@link SQLException} as its cause, so consumers still recognise an
 * unreachable database (and wait) rather than dead-lettering the record.
 */
public class DataAccessException extends RuntimeException {
  public DataAccessException(String sql, SQLException cause) {
    super("SQL failed (" + cause.getSQLState() + "): " + firstWords(sql), cause);
  }

  private static String firstWords(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
  }
}
