package org.laporpredator.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by a channel so admins see it; while it is registered the channel takes reports.
 * The channel submits through {@link org.laporpredator.api.ReportIntake}.
 */
@ConsumerType
public interface IntakeChannel {

    /** The channel's module id, e.g. {@code channel-web}. */
    String id();
}
