package org.laporpredator.api;

/**
 * A module as admins see it.
 *
 * @param id       the {@code lapor.module.id}
 * @param kind     channel, parser or notifier
 * @param name     a human name
 * @param enabled  false when an admin switched it off
 * @param state    ACTIVE, SATISFIED, UNSATISFIED, DISABLED, FAILED (a component threw on activation; the problem says why) or STOPPED (bundle not running)
 * @param bundleId the bundle that carries it
 * @param problem  what keeps an active module from working ({@link org.laporpredator.spi.ModuleHealth}), or null
 */
public record ModuleInfo(String id, String kind, String name, boolean enabled, String state, long bundleId,
        String problem) {

    /** A module with nothing to report. */
    public ModuleInfo(String id, String kind, String name, boolean enabled, String state, long bundleId) {
        this(id, kind, name, enabled, state, bundleId, null);
    }
}
