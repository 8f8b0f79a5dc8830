package org.laporpredator.spi;

/**
 * What a module's service may tell admins about its readiness, shown by {@code lapor:modules}, the
 * console's modules page and health details: e.g. a notifier with no recipient configured, a mail channel
 * whose server refuses the password. A module that cannot work keeps its work waiting; it loses nothing.
 */
public interface ModuleHealth {

    /** Null when the module can do its work; else what is missing, in a short sentence for admins. */
    String problem();
}
