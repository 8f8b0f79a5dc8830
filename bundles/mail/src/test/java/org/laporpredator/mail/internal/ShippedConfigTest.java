package org.laporpredator.mail.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;
import org.laporpredator.mail.Mailer;

/** The cfg file the distribution ships binds to this bundle's PID and sends nothing until configured. */
public class ShippedConfigTest {

    @Test
    public void theShippedFileHasThePidsKeysAndNoServer() throws Exception {
        Path cfg = Path.of("../../karaf-assembly/src/main/resources/etc/" + Mailer.PID + ".cfg");
        assertTrue(cfg.toString(), Files.exists(cfg));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(cfg)) {
            p.load(in);
        }
        Set<String> keys = Arrays.stream(MailConfig.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toSet());
        assertEquals(keys, p.stringPropertyNames());
        assertEquals("", p.getProperty("host"));
        assertEquals("${env:LAPOR_SMTP_PASSWORD}", p.getProperty("password"));
        Settings shipped = Settings.of(p.getProperty("host"), Integer.parseInt(p.getProperty("port")), p.getProperty("security"),
                p.getProperty("username"), "", p.getProperty("from"), Integer.parseInt(p.getProperty("timeoutSeconds")));
        assertEquals("no SMTP server configured (etc/org.laporpredator.mail.cfg)", shipped.problem());
    }
}
