package dev.shelfsync.gateway.channel;

import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses marketplace API URLs that would let a channel definition reach inside the network (SSRF): only https, no
 * credentials in the URL, and no loopback, private, link-local, multicast or shared addresses, unless
 * {@code shelfsync.gateway.allow-private-endpoints} is on (dev and test, where marketplaces are simulated locally).
 */
@ApplicationScoped
public class EndpointGuard {

    private final boolean allowPrivate;

    @Inject
    public EndpointGuard(GatewayConfig config) {
        this(config.allowPrivateEndpoints());
    }

    EndpointGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Blocking: resolves the host name. */
    public void check(String url) {
        URI uri = parse(url, "apiBaseUrl");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw unsafe("apiBaseUrl must be a plain base URL with a host, without credentials, query or fragment.");
        }
        checkAddresses(uri, "apiBaseUrl");
    }

    /**
     * A URL a marketplace handed out for one request, such as a pre-signed feed upload URL: its query string is its
     * signature, so a query is allowed; scheme, credentials and addresses are held to the same rules as an API base
     * URL. Blocking: resolves the host name.
     */
    public void checkHandedOut(String url) {
        URI uri = parse(url, "The marketplace's URL");
        if (uri.getRawFragment() != null) {
            throw unsafe("The marketplace's URL must not carry a fragment.");
        }
        checkAddresses(uri, "The marketplace's URL");
    }

    private URI parse(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw unsafe(what + " is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("https") || (allowPrivate && scheme.equals("http")))) {
            throw unsafe(what + " must use https.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw unsafe(what + " must have a host and no credentials.");
        }
        return uri;
    }

    private void checkAddresses(URI uri, String what) {
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw unsafe(what + " host does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw unsafe(what + " resolves to a loopback, private or link-local address.");
            }
        }
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // unique local fc00::/7, and IPv4-mapped addresses checked as IPv4
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0/8, shared address space 100.64/10, benchmarking 198.18/15, reserved 240/4
        return first == 0
                || (first == 100 && second >= 64 && second < 128)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
    }

    private static ProblemException unsafe(String detail) {
        return new ProblemException(400, "unsafe-endpoint", "Unsafe endpoint", detail);
    }
}
