package org.laporpredator.api;

import java.util.List;

/** Returned to the channel once a report is durably committed. */
public record Receipt(String reference, ReportStatus status, List<ReceiptItem> items) {

    public Receipt {
        items = List.copyOf(items);
    }
}
