package in.pravesh.platform.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address for rate limits and the audit log: the connection's, or, when the connection
 * comes from a configured trusted proxy, the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy (entries further left can be forged by the client).
 */
@ApplicationScoped
public class ClientAddresses {

  @Inject
  @ConfigProperty(name = "ticketing.trusted-proxies", defaultValue = " ")
  String trustedProxies;

  /** The client of this request; every {@code X-Forwarded-For} header counts, in order. */
  public String resolve(HttpServletRequest request) {
    List<String> forwarded = Collections.list(request.getHeaders("X-Forwarded-For"));
    return resolve(
        request.getRemoteAddr(),
        forwarded.isEmpty() ? null : String.join(",", forwarded),
        parse(trustedProxies));
  }

  /**
   * The key of an address for rate limits: an IPv6 address by its /64 network (one subscriber's
   * share; counting single IPv6 addresses would let one client rotate through billions), others as
   * they are.
   */
  public static String rateKey(String address) {
    byte[] bytes = Cidr.literal(address);
    if (bytes == null || bytes.length != 16) {
      return address;
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      key.append(String.format("%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
    }
    return key.append(":/64").toString();
  }

  static String resolve(String remoteAddress, String forwardedFor, List<Cidr> trusted) {
    if (forwardedFor == null || trusted.stream().noneMatch(c -> c.contains(remoteAddress))) {
      return remoteAddress;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && trusted.stream().noneMatch(c -> c.contains(hop))) {
        return hop;
      }
    }
    return remoteAddress;
  }

  static List<Cidr> parse(String list) {
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Cidr::parse)
        .toList();
  }

  /** An address block such as {@code 10.0.0.0/8} or a single address. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String[] parts = text.split("/");
      byte[] address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException(
            "Not an IP address in ticketing.trusted-proxies: " + text);
      }
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
      return new Cidr(address, prefix);
    }

    boolean contains(String candidate) {
      byte[] address = literal(candidate);
      if (address == null || address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
      String t = text.strip();
      if (t.isEmpty() || !(t.contains(":") || t.matches("[0-9.]+"))) {
        return null;
      }
      try {
        return InetAddress.getByName(t.startsWith("[") ? t.substring(1, t.length() - 1) : t)
            .getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
