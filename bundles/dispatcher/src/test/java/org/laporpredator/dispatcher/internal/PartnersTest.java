package org.laporpredator.dispatcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Hashtable;
import org.junit.Test;

public class PartnersTest {

    @Test
    public void aPartnerIsNamedAfterItsConfiguration() {
        assertEquals("pdrm", Partners.partnerId("org.laporpredator.notifier.pdrm", null, null));
        assertEquals("cybersecurity-my", Partners.partnerId("org.laporpredator.notifier.cybersecurity-my", null, null));
        assertEquals("webhook-mcmc", Partners.partnerId("org.laporpredator.notifier.webhook~mcmc",
                "org.laporpredator.notifier.webhook", null));
        Hashtable<String, Object> file = new Hashtable<>();
        file.put("felix.fileinstall.filename", "file:/opt/lapor/etc/org.laporpredator.notifier.webhook-ngo-x.cfg");
        assertEquals("webhook-ngo-x", Partners.partnerId("org.laporpredator.notifier.webhook.9f1c2e",
                "org.laporpredator.notifier.webhook", file));
    }

    @Test
    public void otherConfigurationsAreNoPartners() {
        assertNull(Partners.partnerId("org.laporpredator.mail", null, null));
        assertNull(Partners.partnerId("org.laporpredator.notifier.", null, null));
        assertNull(Partners.partnerId("org.laporpredator.notifier.webhook.9f1c2e", "org.laporpredator.notifier.webhook",
                new Hashtable<>()));
        assertNull(Partners.partnerId("x~y", "org.example.other", null));
    }
}
