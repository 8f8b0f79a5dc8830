package org.laporpredator.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.promise.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every DS component carrying {@code lapor.module.id} belongs to that module. Switching a module
 * off disables its components through SCR: no bundle stops, no wiring changes, no refresh. The
 * disabled set lives only in config PID {@value #PID}, so it survives restarts.
 */
@Component(service = ModuleAdmin.class, configurationPid = ModuleRegistry.PID, immediate = true)
@Designate(ocd = ModuleRegistry.Config.class)
public class ModuleRegistry implements ModuleAdmin, BundleListener {

    public static final String PID = "org.laporpredator.modules";
    static final String DISABLED = "disabled";

    @ObjectClassDefinition(name = "Lapor Predator modules")
    public @interface Config {
        @AttributeDefinition(description = "Comma-separated ids of the modules switched off")
        String disabled() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRegistry.class);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin configAdmin;
    /** Modules seen while their bundle ran, so a stopped bundle's modules still show. */
    private final Map<String, ModuleInfo> seen = new ConcurrentHashMap<>();
    private volatile Set<String> disabled;

    @Activate
    public ModuleRegistry(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference ConfigurationAdmin configAdmin, Config config) {
        this.context = context;
        this.scr = scr;
        this.configAdmin = configAdmin;
        this.disabled = parse(config.disabled());
        context.addBundleListener(this);
        apply(false);
    }

    /**
     * Reads the stored set rather than the event's copy: configuration events arrive late and out
     * of order with the shell's own changes, and a stale copy must not switch a module back.
     */
    @Modified
    synchronized void modified() {
        disabled = parse(stored());
        apply(false);
    }

    private String stored() {
        try {
            Configuration[] configs = configAdmin.listConfigurations("(service.pid=" + PID + ")");
            Dictionary<String, Object> props = configs == null ? null : configs[0].getProperties();
            Object value = props == null ? null : props.get(DISABLED);
            return value == null ? "" : value.toString();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Could not read the module settings: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            synchronized (this) {
                apply(false);
            }
        }
    }

    static Set<String> parse(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String moduleId(ComponentDescriptionDTO d) {
        Object id = d.properties == null ? null : d.properties.get(Modules.ID);
        return id == null ? null : id.toString();
    }

    /** Brings every module component to its wanted state; waits for SCR when asked. */
    private void apply(boolean wait) {
        Set<String> off = disabled;
        List<Promise<Void>> pending = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            String id = moduleId(d);
            if (id == null) {
                continue;
            }
            boolean want = d.defaultEnabled && !off.contains(id);
            if (want != scr.isComponentEnabled(d)) {
                pending.add(want ? scr.enableComponent(d) : scr.disableComponent(d));
                LOG.info("Module {}: component {} {}", id, d.name, want ? "enabled" : "disabled");
            }
        }
        if (wait) {
            for (Promise<Void> p : pending) {
                try {
                    p.timeout(TimeUnit.SECONDS.toMillis(30)).getValue();
                } catch (Exception e) {
                    LOG.warn("Switching a module component did not finish: {}", e.toString());
                }
            }
        }
    }

    @Override
    public List<ModuleInfo> modules() {
        Map<String, List<ComponentDescriptionDTO>> byId = new TreeMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            String id = moduleId(d);
            if (id != null) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
            }
        }
        Set<String> off = disabled;
        Map<String, ModuleInfo> out = new TreeMap<>();
        byId.forEach((id, descriptions) -> {
            ModuleInfo info = describe(id, descriptions, !off.contains(id));
            seen.put(id, info);
            out.put(id, info);
        });
        for (ModuleInfo old : seen.values()) {
            if (out.containsKey(old.id())) {
                continue;
            }
            Bundle bundle = context.getBundle(old.bundleId());
            if (bundle == null) {
                seen.remove(old.id());
            } else {
                out.put(old.id(), new ModuleInfo(old.id(), old.kind(), old.name(), !off.contains(old.id()), "STOPPED",
                        old.bundleId()));
            }
        }
        List<ModuleInfo> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing(ModuleInfo::id));
        return list;
    }

    private ModuleInfo describe(String id, List<ComponentDescriptionDTO> descriptions, boolean enabled) {
        ComponentDescriptionDTO first = descriptions.get(0);
        String kind = String.valueOf(first.properties.getOrDefault(Modules.KIND, "?"));
        String name = String.valueOf(first.properties.getOrDefault(Modules.NAME, id));
        String state = "DISABLED";
        String failure = null;
        for (ComponentDescriptionDTO d : descriptions) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
            String s = "UNSATISFIED";
            for (ComponentConfigurationDTO c : configs) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failure = failure != null ? failure : d.name + " failed to activate: " + firstLine(c.failure);
                } else if (c.state == ComponentConfigurationDTO.ACTIVE) {
                    s = "ACTIVE";
                } else if (c.state == ComponentConfigurationDTO.SATISFIED && !s.equals("ACTIVE")) {
                    s = "SATISFIED";
                }
            }
            state = rank(s) > rank(state) || state.equals("DISABLED") ? s : state;
        }
        if (failure != null) {
            return new ModuleInfo(id, kind, name, enabled, "FAILED", first.bundle.id, failure);
        }
        return new ModuleInfo(id, kind, name, enabled, state, first.bundle.id,
                state.equals("ACTIVE") ? problem(id) : null);
    }

    /** What the module's services that are {@link ModuleHealth} say is missing; null when nothing is. */
    private String problem(String id) {
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences(null, "(" + Modules.ID + "=" + id + ")");
        } catch (InvalidSyntaxException e) {
            return null; // an id with filter characters: nothing to ask
        }
        if (refs == null) {
            return null;
        }
        for (ServiceReference<?> ref : refs) {
            Object service = context.getService(ref);
            try {
                if (service instanceof ModuleHealth health) {
                    String problem = health.problem();
                    if (problem != null) {
                        Object partner = ref.getProperty(Modules.PARTNER);
                        return partner == null ? problem : partner + ": " + problem;
                    }
                }
            } catch (RuntimeException e) {
                return "cannot tell (" + e.getClass().getSimpleName() + ")";
            } finally {
                if (service != null) {
                    context.ungetService(ref);
                }
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "no reason given" : line.length() > 300 ? line.substring(0, 300) + " ..." : line;
    }

    @Override
    public boolean isEnabled(String id) {
        return !disabled.contains(id);
    }

    private static int rank(String state) {
        switch (state) {
            case "ACTIVE":
                return 3;
            case "SATISFIED":
                return 2;
            case "UNSATISFIED":
                return 1;
            default:
                return 0;
        }
    }

    @Override
    public void enable(String id) {
        change(id, false);
    }

    @Override
    public void disable(String id) {
        change(id, true);
    }

    private synchronized void change(String id, boolean off) {
        if (modules().stream().noneMatch(m -> m.id().equals(id))) {
            throw new IllegalArgumentException("No module with id '" + id + "'. See lapor:modules for the list.");
        }
        Set<String> next = new LinkedHashSet<>(disabled);
        if (off) {
            next.add(id);
        } else {
            next.remove(id);
        }
        try {
            Configuration config = configAdmin.getConfiguration(PID, "?");
            Dictionary<String, Object> props = config.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            props.put(DISABLED, String.join(",", next));
            config.update(props);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the module settings: " + e.getMessage(), e);
        }
        disabled = next;
        apply(true);
    }
}
