package org.laporpredator.api.cases;

/** What an analyst decided an item is. One decision per item, for every report that names it. */
public enum Classification {
    /** Child sexual abuse material by the international baseline: illegal everywhere. */
    CSAM,
    /** Illegal under Malaysian law (Sexual Offences Against Children Act 2017) beyond the baseline. */
    CSAM_NATIONAL,
    GROOMING,
    SEXTORTION,
    NOT_ILLEGAL,
    /** The content could not be reached to be assessed. */
    UNREACHABLE;

    /** Counted in the public {@code classifiedCsamLinks}. */
    public boolean isCsam() {
        return this == CSAM || this == CSAM_NATIONAL;
    }
}
