package org.laporpredator.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Switches modules on and off at runtime; the set of disabled modules survives restarts. */
@ProviderType
public interface ModuleAdmin {

    /** Every module of every installed bundle, sorted by id. */
    List<ModuleInfo> modules();

    /** Switches a module on. @throws IllegalArgumentException for an unknown id */
    void enable(String id);

    /** Switches a module off. @throws IllegalArgumentException for an unknown id */
    void disable(String id);
}
