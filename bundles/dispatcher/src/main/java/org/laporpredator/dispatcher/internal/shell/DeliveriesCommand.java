package org.laporpredator.dispatcher.internal.shell;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.api.delivery.DeliveryState;

@Service
@Command(scope = "lapor", name = "deliveries",
        description = "A report's deliveries to partners; without a reference, the counts per partner and the dead records")
public class DeliveriesCommand implements Action {

    @Argument(index = 0, name = "reference", description = "A report's reference number", required = false)
    String reference;

    @Reference
    Deliveries deliveries;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (reference != null) {
            print(deliveries.forReport(reference.strip()));
            return null;
        }
        ShellTable counts = new ShellTable();
        counts.column("Partner");
        for (DeliveryState s : DeliveryState.values()) {
            counts.column(s.name());
        }
        for (Map.Entry<String, Map<DeliveryState, Long>> e : deliveries.counts().entrySet()) {
            var row = counts.addRow();
            row.addContent(e.getKey());
            for (DeliveryState s : DeliveryState.values()) {
                row.addContent(e.getValue().getOrDefault(s, 0L));
            }
        }
        counts.print(session.getConsole());
        List<Delivery> dead = deliveries.dead(0, 50).entries();
        if (!dead.isEmpty()) {
            session.getConsole().println("Dead (newest first; lapor:redeliver <id> sends one again):");
            print(dead);
        }
        return null;
    }

    private void print(List<Delivery> list) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Partner", "Event", "Reference", "State", "Attempts", "Next attempt",
            "Last error", "Delivered", "Partner ref"}) {
            table.column(c);
        }
        for (Delivery d : list) {
            table.addRow().addContent(d.id(), d.partner(), d.eventType(), d.reference() == null ? d.orderingKey() : d.reference(),
                    d.state(), d.attempts(), time(d.nextAttemptAt()), d.lastError() == null ? "" : d.lastError(),
                    time(d.deliveredAt()), d.partnerReference() == null ? "" : d.partnerReference());
        }
        table.print(session.getConsole());
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
