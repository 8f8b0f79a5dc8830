package org.laporpredator.spi;

/** Service property names every module carries, and the module kinds. */
public final class Modules {
    /** The module id, e.g. {@code parser-web}; the same on all of a module's components. */
    public static final String ID = "lapor.module.id";
    /** {@link #CHANNEL}, {@link #PARSER} or {@link #NOTIFIER}. */
    public static final String KIND = "lapor.module.kind";
    /** A human name for admins. */
    public static final String NAME = "lapor.module.name";
    /** The platform a {@link PlatformParser} handles, e.g. {@code TELEGRAM}. */
    public static final String PLATFORM = "lapor.platform";
    /** The partner a {@link PartnerNotifier} delivers to. */
    public static final String PARTNER = "lapor.partner";

    public static final String CHANNEL = "channel";
    public static final String PARSER = "parser";
    public static final String NOTIFIER = "notifier";
    /** The analysts' and admins' console. */
    public static final String CONSOLE = "console";

    /** The platform id of the generic website parser, the fallback for every link. */
    public static final String WEBSITE = "WEBSITE";

    private Modules() {
    }
}
