package com.supportdesk.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides where a webhook may go, so that no partner can make notification-service call into the vendor's own
 * network (server-side request forgery): {@code https} only, no user info, and every address the host resolves to
 * must be a public unicast address. Refused: loopback, unspecified, private (RFC 1918), shared (100.64/10, which holds
 * cloud metadata services too), link-local (169.254/16 with the usual metadata address; fe80::/10), unique-local
 * (fc00::/7), site-local, multicast, broadcast, the documentation, benchmarking and reserved ranges, and IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) when that address is refused; Teredo altogether.
 *
 * <p>The check runs at registration and again at every delivery, which then connects to the very address it checked
 * (a DNS answer that changes in between cannot steer it inside). The only way around it is the explicit allow-list
 * {@code support.notification.webhook.allowed-hosts} (host names or IP literals, which may also use {@code http}):
 * empty by default, {@code localhost,127.0.0.1} on the local stack and in the tests.
 */
public final class WebhookTargets {

    /** A target that may be called: the URL and the address to connect to. */
    public record Target(URI url, InetAddress address) {}

    /** Why a URL may not be called; the message is what the caller is told. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Resolves host names; a test can answer differently at registration and at delivery. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;
    private final Resolver resolver;

    public WebhookTargets(List<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT))
                .map(WebhookTargets::bare)
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    public WebhookTargets(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /** Checks the URL and picks the address to connect to (the first one; all of them must be allowed). */
    public Target check(String url) throws Refused {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("is not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? null : bare(u.getHost().toLowerCase(Locale.ROOT));
        if (host == null || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an absolute https URL");
        }
        if (u.getRawUserInfo() != null) {
            throw new Refused("must not carry a user name or password");
        }
        if (u.getRawFragment() != null) {
            throw new Refused("must not carry a fragment");
        }
        boolean allowed = allowedHosts.contains(host);
        if (!allowed && !scheme.equals("https")) {
            throw new Refused("must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("names a host that does not resolve: " + host);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("names a host that does not resolve: " + host);
        }
        if (!allowed) {
            for (InetAddress a : addresses) {
                String why = internal(a);
                if (why != null) {
                    throw new Refused("points to " + why + " address " + a.getHostAddress()
                            + " (only public addresses may receive webhooks)");
                }
            }
        }
        return new Target(u, addresses[0]);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Why the address is not a public unicast one, or null if it is. */
    static String internal(InetAddress a) {
        if (a instanceof Inet4Address v4) {
            return internal4(v4.getAddress());
        }
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) {
            return "a loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (a.isMulticastAddress()) {
            return "a multicast";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "a site-local";
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return "a unique-local";
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "an IPv4-mapped");
        }
        if (allZero(b, 0, 12)) {
            return embedded(b, 12, "an IPv4-compatible");
        }
        if (first == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return embedded(b, 12, "a NAT64");
        }
        if (first == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && (b[4] & 0xff) == 0x00
                && (b[5] & 0xff) == 0x01) {
            return "a local NAT64";
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return embedded(b, 2, "a 6to4");
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return "a Teredo";
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "a documentation";
        }
        if (first == 0x01 && allZero(b, 1, 8)) {
            return "a discard-only";
        }
        if ((first & 0xe0) != 0x20) {
            return "a reserved"; // global unicast is 2000::/3
        }
        return null;
    }

    private static String embedded(byte[] b, int at, String form) {
        String why = internal4(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        return why == null ? null : form + " " + why.replaceFirst("^an? ", "");
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String internal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return "an unspecified";
        }
        if (a0 == 127) {
            return "a loopback";
        }
        if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168) {
            return "a private";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local (cloud metadata)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a shared (carrier-grade NAT)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "an IETF protocol";
        }
        if (a0 == 192 && a1 == 0 && a2 == 2
                || a0 == 198 && a1 == 51 && a2 == 100
                || a0 == 203 && a1 == 0 && a2 == 113) {
            return "a documentation";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "a benchmarking";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast";
        }
        if (a0 >= 240) {
            return "a reserved";
        }
        return null;
    }
}
