package org.laporpredator.api.cases;

import java.util.List;

/** A page of a longer list and how long the list is. */
public record Page<T>(long total, List<T> entries) {

    public Page {
        entries = List.copyOf(entries);
    }
}
