package org.laporpredator.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** The Pax Exam options that boot the built distribution, on ports of the test's own. */
final class Exam {

    private Exam() {
    }

    /** {@code portBase}: HTTP; +1 ssh; +2, +3 RMI registry and server (well apart from a dev instance's). */
    static Option[] distribution(int portBase, LogLevel level, Option... extra) {
        String distribution = System.getProperty("lapor.distribution");
        String m2 = System.getProperty("user.home") + "/.m2/repository";
        List<Option> options = new ArrayList<>(List.of(
            karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                    .name("Lapor Predator").karafVersion("4.4.10")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(level),
            vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            systemProperty("lapor.distribution").value(distribution),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(portBase)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(portBase + 1)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(portBase + 2)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(portBase + 3)),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                    "https://repo1.maven.org/maven2@id=central")));
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /**
     * Waits until the JAX-RS whiteboard has stopped rebuilding its application (its change count has stood
     * still for a second): while resources of late bundles arrive, every request may meet "No service was found".
     */
    static void awaitSettled(org.osgi.framework.BundleContext context, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Object last = null;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < end) {
            org.osgi.framework.ServiceReference<?> ref =
                    context.getServiceReference("org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime");
            Object count = ref == null ? null : ref.getProperty("service.changecount");
            if (count == null || !count.equals(last)) {
                last = count;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > 1_000_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the JAX-RS whiteboard kept changing for " + timeout);
    }
}
