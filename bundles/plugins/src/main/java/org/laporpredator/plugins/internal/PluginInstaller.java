package org.laporpredator.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.ConfigFileInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.FeaturesService.Option;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginFailed;
import org.laporpredator.api.plugins.PluginInfo;
import org.laporpredator.spi.Modules;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PluginAdmin} on Karaf's features service. A KAR is unpacked into {@code data/kar/<name>/} (where
 * {@code kar:install} puts KARs, so Karaf's resolver finds its bundles and {@code kar:list} shows it), its
 * features repositories added and its features installed in one deployment with
 * {@link Option#NoAutoRefreshBundles} (no other bundle is refreshed) and {@link Option#Upgrade} (another
 * version of the same features is replaced in that same deployment). When the deployment fails, nothing was
 * changed: the new repositories are removed again and the old version keeps running. All work runs on one
 * thread, in order.
 */
@Component(service = PluginAdmin.class, immediate = true)
public class PluginInstaller implements PluginAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);
    static final long WAIT_SECONDS = 300;
    private static final long SETTLE_MILLIS = 10_000;

    private final BundleContext context;
    private final FeaturesService features;
    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin cm;
    private final Path kars;
    private final Registry registry;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lapor-plugins");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public PluginInstaller(BundleContext context, @Reference FeaturesService features,
            @Reference ServiceComponentRuntime scr, @Reference ConfigurationAdmin cm) {
        this(context, features, scr, cm, Path.of(System.getProperty("karaf.data", "data")));
    }

    PluginInstaller(BundleContext context, FeaturesService features, ServiceComponentRuntime scr, ConfigurationAdmin cm,
            Path data) {
        this.context = context;
        this.features = features;
        this.scr = scr;
        this.cm = cm;
        this.kars = data.resolve("kar");
        this.registry = new Registry(data.resolve("lapor-plugins").resolve("plugins.properties"));
    }

    @Deactivate
    void deactivate() {
        queue.shutdownNow();
    }

    @Override
    public PluginInfo install(URI source) throws PluginFailed {
        return inQueue(() -> doInstall(source));
    }

    @Override
    public PluginInfo uninstall(String nameOrModule) throws PluginFailed {
        return inQueue(() -> doUninstall(nameOrModule));
    }

    @Override
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (Registry.Entry e : entries()) {
            out.add(describe(e));
        }
        out.sort(Comparator.comparing(PluginInfo::name));
        return out;
    }

    private interface Work {
        PluginInfo run() throws PluginFailed;
    }

    private PluginInfo inQueue(Work work) throws PluginFailed {
        Future<PluginInfo> f = queue.submit(work::run);
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PluginFailed failed) {
                throw failed;
            }
            LOG.warn("A plugin operation failed", e.getCause());
            throw new PluginFailed("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PluginFailed("still running after " + WAIT_SECONDS + " s; see lapor:plugins and the log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginFailed("interrupted");
        }
    }

    private PluginInfo doInstall(URI source) throws PluginFailed {
        Path incoming = null;
        Path dir = null;
        List<URI> added = new ArrayList<>();
        try {
            incoming = fetch(source);
            List<Path> repositories;
            if (FeatureFiles.isZip(incoming)) {
                dir = kars.resolve(".incoming-" + UUID.randomUUID());
                repositories = FeatureFiles.unpackKar(incoming, dir);
                if (repositories.isEmpty()) {
                    throw new PluginFailed("not a plugin: the KAR holds no features repository");
                }
            } else {
                repositories = List.of(incoming);
            }
            List<FeatureFiles.Feature> wanted = new ArrayList<>();
            for (Path r : repositories) {
                wanted.addAll(FeatureFiles.features(r));
            }
            if (wanted.isEmpty()) {
                throw new PluginFailed("not a plugin: no features in " + source);
            }
            FeatureFiles.Feature main = wanted.get(0);
            Registry.Entry old = owner(wanted);
            refusePlatformFeatures(wanted, old);
            List<URI> repositoryUris = new ArrayList<>();
            if (dir != null) {
                Path target = kars.resolve(main.name() + "-" + main.version());
                if (old != null && target.toString().equals(old.dir())) {
                    target = kars.resolve(main.name() + "-" + main.version() + "-" + System.currentTimeMillis());
                }
                deleteTree(target);
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                dir = target;
                for (Path r : FeatureFiles.repositories(target)) {
                    repositoryUris.add(r.toUri());
                }
            } else {
                repositoryUris.add(source);
            }
            for (URI r : repositoryUris) {
                features.addRepository(r, false);
                added.add(r);
            }
            Set<String> ids = new LinkedHashSet<>();
            wanted.forEach(f -> ids.add(f.id()));
            features.installFeatures(ids, EnumSet.of(Option.NoAutoRefreshBundles, Option.Upgrade));
            Registry.Entry entry = new Registry.Entry(main.name(), main.version(), source.toString(), List.copyOf(ids),
                    repositoryUris.stream().map(URI::toString).toList(), dir == null ? "" : dir.toString());
            if (old != null) {
                retire(old, entry);
            }
            registry.put(entry);
            added.clear();
            dir = null;
            PluginInfo info = settle(entry);
            LOG.info("Plugin {} {} {} from {}: {}{}", entry.name(), entry.version(), old == null ? "installed" : "upgraded (was "
                    + old.version() + ")", source, info.state(), info.problem() == null ? "" : " (" + info.problem() + ")");
            return info;
        } catch (PluginFailed e) {
            LOG.warn("Plugin from {} not installed: {}", source, e.getMessage());
            throw e;
        } catch (Exception e) {
            String why = reason(e);
            LOG.warn("Plugin from {} not installed: {}", source, why);
            throw new PluginFailed("not installed: " + why, e);
        } finally {
            for (URI r : added) {
                try {
                    features.removeRepository(r, false);
                } catch (Exception e) {
                    LOG.warn("Could not remove the repository {} of a plugin that was not installed: {}", r, e.toString());
                }
            }
            deleteQuietly(dir);
            deleteQuietly(incoming);
        }
    }

    /** After an upgrade: the old version's features are gone (Upgrade replaced them); its repositories go too. */
    private void retire(Registry.Entry old, Registry.Entry now) {
        for (String r : old.repositories()) {
            if (now.repositories().contains(r)) {
                continue;
            }
            try {
                features.removeRepository(URI.create(r), false);
            } catch (Exception e) {
                LOG.warn("Could not remove the repository {} of {} {}: {}", r, old.name(), old.version(), e.toString());
            }
        }
        if (!old.dir().isEmpty() && !old.dir().equals(now.dir())) {
            deleteQuietly(Path.of(old.dir()));
        }
        registry.remove(old.name());
    }

    private PluginInfo doUninstall(String nameOrModule) throws PluginFailed {
        Registry.Entry e = find(nameOrModule);
        Set<String> installed = new LinkedHashSet<>();
        for (String id : e.features()) {
            if (isInstalled(id)) {
                installed.add(id);
            }
        }
        try {
            if (!installed.isEmpty()) {
                features.uninstallFeatures(installed, EnumSet.of(Option.NoAutoRefreshBundles));
            }
            for (String r : e.repositories()) {
                features.removeRepository(URI.create(r), false);
            }
        } catch (Exception ex) {
            String why = reason(ex);
            LOG.warn("Plugin {} not removed: {}", e.name(), why);
            throw new PluginFailed("not removed: " + why, ex);
        }
        if (!e.dir().isEmpty()) {
            deleteQuietly(Path.of(e.dir()));
        }
        registry.remove(e.name());
        LOG.info("Plugin {} {} removed", e.name(), e.version());
        return new PluginInfo(e.name(), e.version(), e.source(), e.features(), List.of(), "REMOVED", null);
    }

    private Registry.Entry find(String nameOrModule) throws PluginFailed {
        List<Registry.Entry> all = entries();
        for (Registry.Entry e : all) {
            if (e.name().equals(nameOrModule)) {
                return e;
            }
        }
        for (Registry.Entry e : all) {
            if (describe(e).modules().contains(nameOrModule)) {
                return e;
            }
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (nameOrModule.equals(String.valueOf(d.properties.get(Modules.ID)))) {
                throw new PluginFailed("module " + nameOrModule + " is part of the platform, not a plugin; "
                        + "switch it off with lapor:disable " + nameOrModule);
            }
        }
        throw new PluginFailed("no plugin or plugin module named " + nameOrModule + "; see lapor:plugins");
    }

    /** Plugins installed here, and KARs Karaf installed itself ({@code kar:install}, {@code deploy/}). */
    private List<Registry.Entry> entries() {
        Map<String, Registry.Entry> out = new TreeMap<>();
        for (Registry.Entry e : registry.all()) {
            out.put(e.name(), e);
        }
        Set<String> dirs = new LinkedHashSet<>();
        out.values().forEach(e -> dirs.add(e.dir()));
        if (Files.isDirectory(kars)) {
            try (Stream<Path> list = Files.list(kars)) {
                for (Path d : (Iterable<Path>) list.filter(Files::isDirectory).sorted()::iterator) {
                    if (d.getFileName().toString().startsWith(".") || dirs.contains(d.toString())) {
                        continue;
                    }
                    Registry.Entry e = fromKarDir(d);
                    if (e != null) {
                        out.putIfAbsent(e.name(), e);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Could not list {}: {}", kars, e.toString());
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Registry.Entry fromKarDir(Path d) {
        try {
            List<String> ids = new ArrayList<>();
            List<String> repos = new ArrayList<>();
            FeatureFiles.Feature main = null;
            for (Path r : FeatureFiles.repositories(d)) {
                repos.add(r.toUri().toString());
                for (FeatureFiles.Feature f : FeatureFiles.features(r)) {
                    main = main == null ? f : main;
                    ids.add(f.id());
                }
            }
            return main == null ? null : new Registry.Entry(main.name(), main.version(), "kar:" + d.getFileName(), ids, repos,
                    d.toString());
        } catch (IOException e) {
            return null;
        }
    }

    private Registry.Entry owner(List<FeatureFiles.Feature> wanted) {
        Set<String> names = new LinkedHashSet<>();
        wanted.forEach(f -> names.add(f.name()));
        for (Registry.Entry e : entries()) {
            for (String id : e.features()) {
                if (names.contains(id.substring(0, id.indexOf('/')))) {
                    return e;
                }
            }
        }
        return null;
    }

    /** A plugin may not bring a feature of the platform's own (another version of it would replace it). */
    private void refusePlatformFeatures(List<FeatureFiles.Feature> wanted, Registry.Entry old) throws Exception {
        Set<String> ours = new LinkedHashSet<>();
        if (old != null) {
            old.features().forEach(id -> ours.add(id.substring(0, id.indexOf('/'))));
        }
        for (FeatureFiles.Feature f : wanted) {
            if (ours.contains(f.name())) {
                continue;
            }
            for (Feature installed : features.listInstalledFeatures()) {
                if (installed.getName().equals(f.name())) {
                    throw new PluginFailed("feature " + f.name() + " is already installed and is not a plugin's; "
                            + "a plugin cannot replace it");
                }
            }
        }
    }

    /** Waits until the plugin's bundles and components have settled (the same twice in a row), then describes it. */
    private PluginInfo settle(Registry.Entry e) {
        long end = System.currentTimeMillis() + SETTLE_MILLIS;
        awaitConfigurations(e, end);
        PluginInfo last = describe(e);
        while (System.currentTimeMillis() < end && !"FAILED".equals(last.state())) {
            try {
                Thread.sleep(250); // the framework and SCR start bundles and components on their own threads
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            PluginInfo now = describe(e);
            if (now.equals(last) && !"STARTING".equals(now.state())) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * Waits until Configuration Admin holds the configuration files the plugin's features put into etc/ (Karaf
     * reads etc/ every second): a notifier's partner routing must be known before the install is reported
     * done, or the events of the next moments would pass the partner by.
     */
    private void awaitConfigurations(Registry.Entry e, long end) {
        Set<String> files = new LinkedHashSet<>();
        String etc = System.getProperty("karaf.etc", "etc");
        for (String id : e.features()) {
            int slash = id.indexOf('/');
            try {
                Feature f = features.getFeature(id.substring(0, slash), id.substring(slash + 1));
                for (ConfigFileInfo c : f == null ? List.<ConfigFileInfo>of() : f.getConfigurationFiles()) {
                    String name = c.getFinalname().replace("${karaf.etc}", etc);
                    if (name.endsWith(".cfg")) {
                        files.add(Path.of(name).toAbsolutePath().normalize().toUri().toString());
                    }
                }
            } catch (Exception ex) {
                LOG.debug("Feature {} not readable: {}", id, ex.toString());
            }
        }
        for (String file : files) {
            while (!inConfigurationAdmin(file) && System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(100); // Karaf's file watcher reads etc/ on its own thread
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean inConfigurationAdmin(String fileUri) {
        try {
            String uri = fileUri.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
            String plain = uri.replace("file:///", "file:/");
            Configuration[] c = cm.listConfigurations("(|(felix.fileinstall.filename=" + uri + ")(felix.fileinstall.filename="
                    + plain + "))");
            return c != null && c.length > 0;
        } catch (Exception ex) {
            return true; // cannot tell: do not wait
        }
    }

    PluginInfo describe(Registry.Entry e) {
        Set<String> modules = new LinkedHashSet<>();
        String state = "ACTIVE";
        String problem = null;
        if (e.features().stream().noneMatch(this::isInstalled)) {
            return new PluginInfo(e.name(), e.version(), e.source(), e.features(), List.of(), "FAILED",
                    "its features are not installed");
        }
        for (Bundle b : bundles(e)) {
            if (b.getState() == Bundle.STARTING) {
                state = "STARTING";
                continue;
            }
            if (b.getState() != Bundle.ACTIVE) {
                return new PluginInfo(e.name(), e.version(), e.source(), e.features(), List.copyOf(modules), "FAILED",
                        "bundle " + b.getSymbolicName() + " is not active (see the log for why)");
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                Object id = d.properties == null ? null : d.properties.get(Modules.ID);
                if (id != null) {
                    modules.add(id.toString());
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION && problem == null) {
                        problem = "component " + d.name + " failed to activate: " + firstLine(c.failure);
                    }
                }
            }
        }
        return new PluginInfo(e.name(), e.version(), e.source(), e.features(), List.copyOf(modules),
                problem != null ? "FAILED" : state, problem);
    }

    private List<Bundle> bundles(Registry.Entry e) {
        Set<String> locations = new LinkedHashSet<>();
        for (String id : e.features()) {
            int slash = id.indexOf('/');
            try {
                Feature f = features.getFeature(id.substring(0, slash), id.substring(slash + 1));
                if (f != null) {
                    for (BundleInfo b : f.getBundles()) {
                        if (!b.isDependency()) {
                            locations.add(b.getLocation().strip());
                        }
                    }
                }
            } catch (Exception ex) {
                LOG.debug("Feature {} not readable: {}", id, ex.toString());
            }
        }
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (locations.contains(b.getLocation())) {
                out.add(b);
            }
        }
        return out;
    }

    private boolean isInstalled(String id) {
        int slash = id.indexOf('/');
        try {
            Feature f = features.getFeature(id.substring(0, slash), id.substring(slash + 1));
            return f != null && features.isInstalled(f);
        } catch (Exception e) {
            return false;
        }
    }

    /** Copies the source to a local file (file:, mvn:, http(s): through the framework's URL handlers). */
    private Path fetch(URI source) throws IOException, PluginFailed {
        String scheme = source.getScheme();
        if (scheme == null || !Set.of("file", "mvn", "http", "https").contains(scheme)) {
            throw new PluginFailed("a plugin is installed from a file:, mvn:, http: or https: URL, not " + source);
        }
        Files.createDirectories(kars);
        Path file = Files.createTempFile(kars, ".plugin-", ".download");
        try (InputStream in = source.toURL().openStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int r; (r = in.read(buf)) > 0;) {
                total += r;
                if (total > FeatureFiles.MAX_KAR_BYTES) {
                    throw new PluginFailed("larger than " + FeatureFiles.MAX_KAR_BYTES / 1024 / 1024 + " MB");
                }
                out.write(buf, 0, r);
            }
        } catch (IOException | PluginFailed | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof PluginFailed p) {
                throw p;
            }
            throw new PluginFailed("cannot read " + source + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.strip();
        return m.length() > 1_000 ? m.substring(0, 1_000) + " ..." : m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + " ..." : line;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            deleteTree(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.toString());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }

    /** The plugins installed here, kept in {@code data/lapor-plugins/plugins.properties} across restarts. */
    static final class Registry {

        record Entry(String name, String version, String source, List<String> features, List<String> repositories,
                String dir) {
        }

        private final Path file;

        Registry(Path file) {
            this.file = file;
        }

        synchronized List<Entry> all() {
            Properties p = load();
            List<Entry> out = new ArrayList<>();
            for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                if (key.endsWith(".version")) {
                    String name = key.substring(0, key.length() - ".version".length());
                    out.add(new Entry(name, p.getProperty(key), p.getProperty(name + ".source", ""),
                            split(p.getProperty(name + ".features", "")), split(p.getProperty(name + ".repositories", "")),
                            p.getProperty(name + ".dir", "")));
                }
            }
            return out;
        }

        synchronized void put(Entry e) {
            Properties p = load();
            p.setProperty(e.name() + ".version", e.version());
            p.setProperty(e.name() + ".source", e.source());
            p.setProperty(e.name() + ".features", String.join(" ", e.features()));
            p.setProperty(e.name() + ".repositories", String.join(" ", e.repositories()));
            p.setProperty(e.name() + ".dir", e.dir());
            save(p);
        }

        synchronized void remove(String name) {
            Properties p = load();
            for (String suffix : List.of(".version", ".source", ".features", ".repositories", ".dir")) {
                p.remove(name + suffix);
            }
            save(p);
        }

        private static List<String> split(String s) {
            return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
        }

        private Properties load() {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            return p;
        }

        private void save(Properties p) {
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    p.store(out, "Plugins installed with lapor:install or the console");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
