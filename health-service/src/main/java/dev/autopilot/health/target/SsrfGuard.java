package dev.autopilot.health.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps probes away from link-local addresses and cloud metadata services (no SSRF through a
 * target): checked on the host name when a target is written and on every resolved address when a
 * probe connects, so a name that resolves (or re-resolves) to such an address is caught too.
 * Entries of {@code health.ssrf.allow} (host names or IP literals) are exempt.
 */
public final class SsrfGuard {
  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.azure.com",
          "100.100.100.200",
          "169.254.169.254",
          "fd00:ec2::254");

  private SsrfGuard() {}

  /** True when {@code host} (as written) is link-local or a metadata service and not allowed. */
  public static boolean refusesHost(String host, Set<String> allow) {
    String h = normalize(host);
    if (allow.contains(h)) {
      return false;
    }
    return METADATA_HOSTS.contains(h)
        || h.startsWith("169.254.")
        || h.matches("^fe[89ab][0-9a-f]:.*")
        || h.equals("fd00:ec2:0:0:0:0:0:254");
  }

  /** True when the resolved {@code address} is link-local or a metadata address, not allowed. */
  public static boolean refusesAddress(InetAddress address, Set<String> allow) {
    String ip = normalize(address.getHostAddress());
    if (allow.contains(ip)) {
      return false;
    }
    if (address.isLinkLocalAddress()) {
      return true;
    }
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      // fd00:ec2::254, AWS's IPv6 metadata endpoint
      return (b[0] & 0xff) == 0xfd
          && b[1] == 0
          && (b[2] & 0xff) == 0x0e
          && (b[3] & 0xff) == 0xc2
          && b[15] == 0x54
          && b[14] == 0x02;
    }
    return METADATA_HOSTS.contains(ip);
  }

  static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT).strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    int zone = h.indexOf('%');
    return zone >= 0 ? h.substring(0, zone) : h;
  }
}
