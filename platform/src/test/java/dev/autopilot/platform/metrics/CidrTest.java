package dev.autopilot.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "127.0.0.1/32, 127.0.0.1, true",
    "127.0.0.1/32, 127.0.0.2, false",
    "10.0.0.0/8, 10.200.3.4, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "::1/128, ::1, true",
    "::1/128, 127.0.0.1, false",
    "fd00::/8, fd12:3456::1, true",
    "0.0.0.0/0, 8.8.8.8, true",
    "10.0.0.0/8, example.com, false",
  })
  void matches(String cidr, String host, boolean expected) {
    assertEquals(expected, Cidr.parse(cidr).contains(host));
  }
}
