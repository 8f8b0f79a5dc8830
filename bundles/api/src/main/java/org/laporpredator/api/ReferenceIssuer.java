package org.laporpredator.api;

import org.osgi.annotation.versioning.ProviderType;

/** Draws candidate reference numbers; uniqueness is the store's job. */
@ProviderType
public interface ReferenceIssuer {

    /** A fresh 8-digit reference: 7 random digits and a check digit. */
    String next();
}
