package org.laporpredator.dispatcher.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;

@Service
@Command(scope = "lapor", name = "redeliver",
        description = "Sends a dead or delivered record again, with the same idempotency key (the partner recognises it)")
public class RedeliverCommand implements Action {

    @Argument(index = 0, name = "delivery-id", description = "The record's id (lapor:deliveries)", required = true)
    long id;

    @Reference
    Deliveries deliveries;

    @Reference(optional = true)
    Cases cases;

    @Reference
    Session session;

    @Override
    public Object execute() {
        try {
            Delivery d = deliveries.redeliver(id);
            if (cases != null) {
                Object user = session.get("USER");
                cases.audit(user == null ? "shell" : "shell:" + user, "delivery-redelivered", d.partner(),
                        "delivery " + d.id() + " (" + d.eventType() + ")");
            }
            session.getConsole().println("Delivery " + d.id() + " to " + d.partner() + " is pending again.");
        } catch (IllegalArgumentException e) {
            session.getConsole().println(e.getMessage());
        }
        return null;
    }
}
