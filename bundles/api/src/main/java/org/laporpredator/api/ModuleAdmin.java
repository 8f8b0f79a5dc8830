package org.laporpredator.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Switches modules on and off at runtime; the set of disabled modules survives restarts. */
@ProviderType
public interface ModuleAdmin {

    /** Every module of every installed bundle, sorted by id. */
    List<ModuleInfo> modules();

    /**
     * Whether a module is switched on (unknown ids are: nothing switched them off). Cheap: for a caller
     * that must not act for a module that is off, even while its bundle is starting.
     */
    boolean isEnabled(String id);

    /** Switches a module on. @throws IllegalArgumentException for an unknown id */
    void enable(String id);

    /** Switches a module off. @throws IllegalArgumentException for an unknown id */
    void disable(String id);
}
