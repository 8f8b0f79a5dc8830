package org.laporpredator.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.cases.AuditEntry;
import org.laporpredator.api.cases.AuditQuery;
import org.laporpredator.api.cases.CaseItem;
import org.laporpredator.api.cases.CaseNotFound;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.cases.Classification;
import org.laporpredator.api.cases.Dashboard;
import org.laporpredator.api.cases.HistoryEntry;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.cases.QueueEntry;
import org.laporpredator.api.cases.QueueQuery;
import org.laporpredator.api.cases.TransitionNotAllowed;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** What analysts do, under {@code /api/admin}: the queue, a report, the contact, decisions, the audit log. */
@Component(service = CasesResource.class)
@JaxrsResource
@Path("/api/admin")
public class CasesResource {

    private final AdminGate gate;
    private final Cases cases;

    /** The partners' deliveries, when the dispatcher's store is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Deliveries deliveries;

    /** A delivery record as JSON: no payload (the event is the report's own, shown above it). */
    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("partner", d.partner());
        m.put("eventType", d.eventType());
        m.put("reference", d.reference());
        m.put("state", d.state().name());
        m.put("attempts", d.attempts());
        m.put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        m.put("lastError", d.lastError());
        m.put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        m.put("partnerReference", d.partnerReference());
        return m;
    }

    @Activate
    public CasesResource(@Reference AdminGate gate, @Reference Cases cases) {
        this.gate = gate;
        this.cases = cases;
    }

    @GET
    @Path("reports")
    public Response queue(@Context HttpServletRequest request, @QueryParam("status") String status,
            @QueryParam("category") String category, @QueryParam("platform") String platform,
            @QueryParam("classified") String classified, @QueryParam("q") String q, @QueryParam("order") String order,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        gate.require(request, Access.ANALYST, false);
        Boolean done = classified == null || classified.isBlank() ? null : bool("classified", classified);
        if (order != null && !order.isBlank() && !order.equals("oldest") && !order.equals("newest")) {
            throw Errors.fail(400, "invalid_parameter", "order is oldest or newest.");
        }
        QueueQuery query = new QueueQuery(value(ReportStatus.class, "status", status), value(Category.class, "category", category),
                value(PlatformHint.class, "platform", platform), done, q == null || q.isBlank() ? null : q.strip(),
                "newest".equals(order), number("page", page, 0, 0, Integer.MAX_VALUE), number("size", size, 50, 1, 200));
        Page<QueueEntry> result = cases.queue(query);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueueEntry e : result.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reference", e.reference());
            row.put("createdAt", String.valueOf(e.createdAt()));
            row.put("channel", e.channel());
            row.put("category", e.category().name());
            row.put("status", e.status().name());
            row.put("urgent", e.urgent());
            row.put("itemCount", e.itemCount());
            row.put("unclassifiedCount", e.unclassifiedCount());
            rows.add(row);
        }
        return Errors.json(200, Map.of("total", result.total(), "reports", rows));
    }

    @GET
    @Path("reports/{reference}")
    public Response report(@Context HttpServletRequest request, @PathParam("reference") String reference) {
        gate.require(request, Access.ANALYST, false);
        CaseReport r = cases.report(reference(reference)).orElseThrow(() -> notFound("report"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", r.reference());
        out.put("createdAt", String.valueOf(r.createdAt()));
        out.put("channel", r.channel());
        out.put("category", r.category().name());
        out.put("platformHint", r.platformHint() == null ? null : r.platformHint().name());
        out.put("description", r.description());
        out.put("language", r.language());
        out.put("anonymous", r.anonymous());
        out.put("urgent", r.urgent());
        out.put("status", r.status().name());
        out.put("messageKey", r.statusMessage().key());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CaseItem i : r.items()) {
            items.add(item(i));
        }
        out.put("items", items);
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry h : r.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", String.valueOf(h.at()));
            e.put("actor", h.actor());
            e.put("action", h.action());
            e.put("detail", h.detail());
            history.add(e);
        }
        out.put("history", history);
        Deliveries ds = deliveries;
        out.put("deliveries", ds == null ? List.of()
                : ds.forReport(r.reference()).stream().map(CasesResource::delivery).collect(Collectors.toList()));
        return Errors.json(200, out);
    }

    @POST
    @Path("reports/{reference}/contact")
    public Response contact(@Context HttpServletRequest request, @PathParam("reference") String reference, InputStream body) {
        Session s = gate.require(request, Access.ANALYST, true);
        JsonNode json = body(body);
        String reason = text(json, "reason", true);
        if (reason.strip().length() < 5) {
            throw Errors.fail(400, "missing_reason", "Say why you need the reporter's contact (at least a few words).");
        }
        try {
            Optional<String> contact = cases.revealContact(reference(reference), s.username(), reason.strip());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reference", reference);
            out.put("anonymous", contact.isEmpty());
            out.put("contact", contact.orElse(null));
            return Errors.json(200, out);
        } catch (CaseNotFound e) {
            throw notFound("report");
        }
    }

    @POST
    @Path("reports/{reference}/status")
    public Response status(@Context HttpServletRequest request, @PathParam("reference") String reference, InputStream body) {
        Session s = gate.require(request, Access.ANALYST, true);
        JsonNode json = body(body);
        ReportStatus to = value(ReportStatus.class, "status", text(json, "status", true));
        String key = text(json, "messageKey", false);
        StatusMessage message = key == null ? null : StatusMessage.forKey(key);
        if (key != null && (message == null || message.status() != to)) {
            throw Errors.fail(400, "invalid_field", "messageKey must be one of " + to + "'s messages: "
                    + StatusMessage.of(to).stream().map(StatusMessage::key).collect(Collectors.joining(", ")) + ".");
        }
        try {
            StatusMessage shown = cases.changeStatus(reference(reference), to, message, s.username());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reference", reference);
            out.put("status", shown.status().name());
            out.put("messageKey", shown.key());
            out.put("message", Map.of("ms", shown.text("ms"), "en", shown.text("en")));
            return Errors.json(200, out);
        } catch (CaseNotFound e) {
            throw notFound("report");
        } catch (TransitionNotAllowed e) {
            throw Errors.fail(409, "transition_not_allowed", e.getMessage());
        }
    }

    @PUT
    @Path("items/{id}/classification")
    public Response classify(@Context HttpServletRequest request, @PathParam("id") String id, InputStream body) {
        Session s = gate.require(request, Access.ANALYST, true);
        JsonNode json = body(body);
        Classification c = value(Classification.class, "classification", text(json, "classification", true));
        try {
            return Errors.json(200, item(cases.classify(itemId(id), c, text(json, "note", false), s.username())));
        } catch (CaseNotFound e) {
            throw notFound("item");
        }
    }

    @POST
    @Path("items/{id}/removal")
    public Response removal(@Context HttpServletRequest request, @PathParam("id") String id, InputStream body) {
        Session s = gate.require(request, Access.ANALYST, true);
        JsonNode json = body(body);
        String when = text(json, "removedAt", false);
        Instant removedAt;
        try {
            removedAt = when == null ? null : Instant.parse(when);
        } catch (DateTimeParseException e) {
            throw Errors.fail(400, "invalid_field", "removedAt is a time such as 2026-12-01T10:15:00Z.");
        }
        if (removedAt != null && removedAt.isAfter(Instant.now().plusSeconds(300))) {
            throw Errors.fail(400, "invalid_field", "removedAt lies in the future.");
        }
        try {
            return Errors.json(200, item(cases.recordRemoval(itemId(id), removedAt, text(json, "note", false), s.username())));
        } catch (CaseNotFound e) {
            throw notFound("item");
        }
    }

    @DELETE
    @Path("items/{id}/removal")
    public Response undoRemoval(@Context HttpServletRequest request, @PathParam("id") String id) {
        Session s = gate.require(request, Access.ANALYST, true);
        try {
            return Errors.json(200, item(cases.undoRemoval(itemId(id), s.username())));
        } catch (CaseNotFound e) {
            throw notFound("item");
        }
    }

    @GET
    @Path("audit")
    public Response audit(@Context HttpServletRequest request, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("user") String user, @QueryParam("page") String page, @QueryParam("size") String size) {
        gate.require(request, Access.ANALYST, false);
        Page<AuditEntry> result = cases.audit(new AuditQuery(instant("from", from), instant("to", to),
                user == null || user.isBlank() ? null : user.strip(), number("page", page, 0, 0, Integer.MAX_VALUE),
                number("size", size, 100, 1, 500)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEntry e : result.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("at", String.valueOf(e.at()));
            row.put("actor", e.actor());
            row.put("action", e.action());
            row.put("target", e.target());
            row.put("detail", e.detail());
            rows.add(row);
        }
        return Errors.json(200, Map.of("total", result.total(), "entries", rows));
    }

    @GET
    @Path("dashboard")
    public Response dashboard(@Context HttpServletRequest request, @QueryParam("days") String days) {
        gate.require(request, Access.ANALYST, false);
        Dashboard d = cases.dashboard(number("days", days, 90, 1, 366));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("days", d.days());
        List<Map<String, Object>> perDay = new ArrayList<>();
        for (Dashboard.DayCount c : d.reportsPerDay()) {
            perDay.add(Map.of("day", c.day().toString(), "reports", c.reports()));
        }
        out.put("reportsPerDay", perDay);
        out.put("byCategory", new TreeMap<>(d.byCategory()));
        out.put("byChannel", new TreeMap<>(d.byChannel()));
        out.put("byPlatform", new TreeMap<>(d.byPlatform()));
        out.put("itemsByClassification", new TreeMap<>(d.itemsByClassification()));
        out.put("removedShare", d.removedShare());
        out.put("medianHoursToFirstClassification", hours(d.medianToFirstClassification()));
        out.put("medianHoursToRemoval", hours(d.medianToRemoval()));
        Deliveries ds = deliveries;
        if (ds != null) {
            Page<Delivery> dead = ds.dead(0, 20);
            Map<String, Object> dd = new LinkedHashMap<>();
            dd.put("total", dead.total());
            dd.put("latest", dead.entries().stream().map(CasesResource::delivery).collect(Collectors.toList()));
            out.put("deadDeliveries", dd);
        }
        return Errors.json(200, out);
    }

    /** One row per item, streamed; no contact, description or reporter's words; cells a spreadsheet never runs. */
    @GET
    @Path("export/items.csv")
    public Response export(@Context HttpServletRequest request, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("classification") String classification) {
        Session s = gate.require(request, Access.ANALYST, false);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        Classification only = value(Classification.class, "classification", classification);
        cases.audit(s.username(), "items-exported", null, "from=" + start + " to=" + end + " classification=" + only);
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(Csv.row("item_id", "platform", "kind", "canonical_url", "identifiers", "classification", "removed_at",
                    "first_reported_at", "last_reported_at", "report_count"));
            try {
                cases.exportItems(start, end, only, row -> {
                    try {
                        w.write(Csv.row(String.valueOf(row.itemId()), row.platform(), row.kind(), row.canonicalUrl(),
                                identifiers(row.identifiers()), row.classification() == null ? "" : row.classification().name(),
                                str(row.removedAt()), str(row.firstReportedAt()), str(row.lastReportedAt()),
                                String.valueOf(row.reportCount())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"lapor-items.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    private static String identifiers(Map<String, String> ids) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(ids).entrySet()) {
            b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    private static String str(Instant i) {
        return i == null ? "" : i.toString();
    }

    private static Double hours(java.time.Duration d) {
        return d == null ? null : Math.round(d.toMinutes() / 6.0) / 10.0;
    }

    static Map<String, Object> item(CaseItem i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("platform", i.platform());
        out.put("kind", i.kind());
        out.put("identifiers", i.identifiers());
        out.put("canonicalUrl", i.canonicalUrl());
        out.put("source", i.source() == null ? null : i.source().name());
        out.put("seenAt", i.seenAt() == null ? null : i.seenAt().toString());
        out.put("reportCount", i.reportCount());
        out.put("classification", i.classification() == null ? null : i.classification().name());
        out.put("classifiedBy", i.classifiedBy());
        out.put("classifiedAt", i.classifiedAt() == null ? null : i.classifiedAt().toString());
        out.put("removedAt", i.removedAt() == null ? null : i.removedAt().toString());
        return out;
    }

    private static JsonNode body(InputStream in) {
        try {
            JsonNode json = in == null ? null : Errors.JSON.readTree(in.readNBytes(64 * 1024));
            if (json == null || !json.isObject()) {
                throw Errors.fail(400, "malformed_json", "Send one JSON object.");
            }
            return json;
        } catch (IOException e) {
            throw Errors.fail(400, "malformed_json", "Send one JSON object.");
        }
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw Errors.fail(400, "missing_field", "The field \"" + field + "\" is missing.");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw Errors.fail(400, "invalid_field", "The field \"" + field + "\" must be text.");
        }
        if (node.asText().length() > 2000) {
            throw Errors.fail(400, "invalid_field", "The field \"" + field + "\" is too long.");
        }
        return node.asText();
    }

    static <E extends Enum<E>> E value(Class<E> type, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.fail(400, "unknown_" + name, "Unknown " + name + " '" + shorten(text) + "'.");
        }
    }

    static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Errors.fail(400, "invalid_parameter", name + " is a number from " + min + " to " + max + ".");
    }

    private static Boolean bool(String name, String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw Errors.fail(400, "invalid_parameter", name + " is true or false.");
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Errors.fail(400, "invalid_parameter", name + " is a time such as 2026-12-01T00:00:00Z.");
        }
    }

    private static String reference(String reference) {
        if (!ReferenceNumbers.isValid(reference)) {
            throw Errors.fail(400, "invalid_reference", "A reference number has 8 digits with a valid check digit.");
        }
        return reference;
    }

    private static long itemId(String id) {
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Errors.fail(400, "invalid_item", "An item id is a positive number.");
    }

    private static javax.ws.rs.WebApplicationException notFound(String what) {
        return Errors.fail(404, "not_found", "No such " + what + ".");
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
