package org.laporpredator.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class ClientAddressesTest {

    private static final List<String> NONE = List.of();

    @Test
    public void ipv6AddressesOfOneSlash64AreOneClient() {
        ClientAddresses direct = ClientAddresses.DIRECT;
        String a = direct.client("2001:db8:1:2::1", NONE, NONE);
        assertEquals("2001:db8:1:2::/64", a);
        assertEquals(a, direct.client("2001:db8:1:2:ffff:eeee:dddd:cccc", NONE, NONE));
        assertEquals(a, direct.client("[2001:0db8:0001:0002:0:0:0:9]", NONE, NONE));
        assertNotEquals(a, direct.client("2001:db8:1:3::1", NONE, NONE));
        assertEquals("::/64", direct.client("::1", NONE, NONE));
        assertEquals("fe80::/64", direct.client("fe80::1%eth0", NONE, NONE));
    }

    @Test
    public void ipv4StaysWholeAndMappedIpv6IsIpv4() {
        assertEquals("192.0.2.7", ClientAddresses.DIRECT.client("192.0.2.7", NONE, NONE));
        assertEquals("192.0.2.7", ClientAddresses.DIRECT.client("::ffff:192.0.2.7", NONE, NONE));
        assertNotEquals("192.0.2.7", ClientAddresses.DIRECT.client("192.0.2.8", NONE, NONE));
    }

    @Test
    public void forwardingHeadersFromAnUntrustedClientAreIgnored() {
        ClientAddresses behindProxy = ClientAddresses.trusting("10.0.0.0/8, 127.0.0.1");
        // a client that speaks to us directly cannot pick its own key
        assertEquals("198.51.100.9", behindProxy.client("198.51.100.9", List.of("for=192.0.2.1"), List.of("192.0.2.1")));
        assertEquals("198.51.100.9", ClientAddresses.DIRECT.client("198.51.100.9", NONE, List.of("192.0.2.1")));
        // without trusted proxies the headers mean nothing, even from 127.0.0.1
        assertEquals("127.0.0.1", ClientAddresses.DIRECT.client("127.0.0.1", NONE, List.of("192.0.2.1")));
    }

    @Test
    public void theRightMostAddressThatIsNotATrustedProxyIsTheClient() {
        ClientAddresses behindProxy = ClientAddresses.trusting("10.0.0.0/8 127.0.0.1");
        assertEquals("192.0.2.1", behindProxy.client("127.0.0.1", NONE, List.of("192.0.2.1")));
        // the client wrote a spoofed address first; the proxy appended the real one
        assertEquals("192.0.2.1", behindProxy.client("127.0.0.1", NONE, List.of("6.6.6.6, 192.0.2.1")));
        assertEquals("192.0.2.1", behindProxy.client("127.0.0.1", NONE, List.of("6.6.6.6", "192.0.2.1, 10.1.2.3")));
        assertEquals("2001:db8:5:6::/64", behindProxy.client("10.0.0.1", NONE, List.of("2001:db8:5:6::77")));
        // every hop trusted: the left-most
        assertEquals("10.9.9.9", behindProxy.client("127.0.0.1", NONE, List.of("10.9.9.9, 10.1.1.1")));
        // no header: the proxy itself
        assertEquals("127.0.0.1", behindProxy.client("127.0.0.1", NONE, NONE));
    }

    @Test
    public void forwardedIsReadBeforeXForwardedFor() {
        ClientAddresses behindProxy = ClientAddresses.trusting("127.0.0.1");
        assertEquals("192.0.2.60", behindProxy.client("127.0.0.1",
                List.of("for=6.6.6.6, for=192.0.2.60;proto=https;by=203.0.113.43"), List.of("7.7.7.7")));
        assertEquals("2001:db8:cafe::/64", behindProxy.client("127.0.0.1",
                List.of("For=\"[2001:db8:cafe::17]:4711\""), NONE));
        assertEquals("192.0.2.43", behindProxy.client("127.0.0.1", List.of("for=\"192.0.2.43:47011\""), NONE));
        assertEquals("?_hidden", behindProxy.client("127.0.0.1", List.of("for=_hidden"), NONE));
    }

    @Test
    public void namesAreNeverLookedUpAndBadSettingsAreRefused() {
        assertEquals("?localhost", ClientAddresses.DIRECT.client("localhost", NONE, NONE));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("proxy.example"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("10.0.0.0/x"));
        assertEquals("203.0.113.5", ClientAddresses.trusting("").client("203.0.113.5", NONE, List.of("1.1.1.1")));
    }
}
