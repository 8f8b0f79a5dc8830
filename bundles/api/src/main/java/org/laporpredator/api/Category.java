package org.laporpredator.api;

/** What kind of abuse a report is about. */
public enum Category {
    CSAM, GROOMING, SEXTORTION, OTHER
}
