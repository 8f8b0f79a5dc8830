package org.laporpredator.api;

/** The public counters. */
public record Stats(long incomingReports, long classifiedCsamLinks, long removedCsamLinks) {
}
