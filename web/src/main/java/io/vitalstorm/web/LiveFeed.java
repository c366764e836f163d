package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.redis.LiveStateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The live ward picture: polls Redis (risk board, latest hashes in one pipeline, open alerts)
 * every {@link #POLL_MILLIS} ms, turns each change into a numbered event kept in a ring, and
 * pushes events to the SSE clients allowed to see them. One thread does all polling and
 * sending, so a client that resumes with {@code Last-Event-ID} gets exactly the events after it,
 * in order, none twice; an id older than the ring (or from an earlier server run) gets a
 * {@code reset} telling the page to reload the snapshot.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    static final long POLL_MILLIS = 200;
    private static final int RING = 50_000;
    private static final long KEEPALIVE_MILLIS = 15_000;

    /**
     * One change: a patient row ({@code patient}), an alert transition ({@code alert}), or a patient gone ({@code
     * removed}).
     */
    record Event(long seq, String type, String patientId, String ward, String careTeam, String json) {
    }

    private record Subscriber(SseClient client, User user, long since) {
    }

    private final LiveStateReader live;
    private final Function<String, PatientProfile> profiles;
    private final long silentAfterMillis;
    /** Distinguishes this run's event ids from an earlier run's. */
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-live-feed");
        t.setDaemon(true);
        return t;
    });

    // guarded by this
    private final ArrayDeque<Event> ring = new ArrayDeque<>();
    private long seq;
    private final Map<String, ObjectNode> rows = new HashMap<>();
    private final Map<String, String> alerts = new HashMap<>();

    // touched by the poller thread only
    private final Map<String, WardRow> watchers = new HashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Subscriber> joining = new ConcurrentLinkedQueue<>();
    private long lastKeepAlive = System.currentTimeMillis();

    public LiveFeed(LiveStateReader live, Function<String, PatientProfile> profiles, long silentAfterMillis) {
        this.live = live;
        this.profiles = profiles;
        this.silentAfterMillis = silentAfterMillis;
    }

    public LiveFeed start() {
        poller.scheduleWithFixedDelay(this::cycle, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The rows and open alerts the user may see, worst first, and the id to resume the stream from. */
    public synchronized ObjectNode snapshot(User user, String ward, String careTeam) {
        ObjectNode out = Json.object();
        out.put("lastEventId", eventId(seq));
        out.put("serverTime", System.currentTimeMillis());
        ArrayNode list = out.putArray("patients");
        rows.values().stream()
                .filter(r ->
                        allowed(user, r.path("patientId").asText(), r.path("ward").asText(null),
                                r.path("careTeam").asText(null)))
                .filter(r -> ward == null || ward.equals(r.path("ward").asText()))
                .filter(r -> careTeam == null || careTeam.equals(r.path("careTeam").asText()))
                .sorted(WORST_FIRST)
                .forEach(list::add);
        return out;
    }

    /** Worst first: highest NEWS2, then the longer-open alerts, then by id for a stable order. */
    static final Comparator<JsonNode> WORST_FIRST = Comparator
            .comparingInt((JsonNode r) -> -r.path("news2").asInt())
            .thenComparing(r -> r.path("patientId").asText());

    /** Joins the stream after the event {@code lastEventId} (null: from now on). */
    public void subscribe(SseClient client, User user, String lastEventId) {
        long since;
        synchronized (this) {
            since = parseSince(lastEventId);
        }
        client.keepAlive();
        joining.add(new Subscriber(client, user, since));
    }

    /** -1 when the id is not from this run or too old for the ring (the page must reload). */
    private long parseSince(String id) {
        if (id == null || id.isBlank()) {
            return seq;
        }
        int colon = id.indexOf(':');
        if (colon < 0 || !id.substring(0, colon).equals(epoch)) {
            return -1;
        }
        try {
            long n = Long.parseLong(id.substring(colon + 1));
            long oldest = ring.isEmpty() ? seq + 1 : ring.peekFirst().seq();
            return n > seq || n < oldest - 1 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String eventId(long n) {
        return epoch + ":" + n;
    }

    private void cycle() {
        try {
            List<Event> fresh = poll();
            admitJoining();
            for (Event e : fresh) {
                subscribers.removeIf(s -> !deliver(s, e));
            }
            long now = System.currentTimeMillis();
            if (now - lastKeepAlive > KEEPALIVE_MILLIS) {
                lastKeepAlive = now;
                subscribers.removeIf(s -> !comment(s));
            }
        } catch (RuntimeException e) {
            // Redis away or a bad entry: keep the last picture, try again next cycle
            LOG.warn("live feed poll failed: {}", e.toString());
        }
    }

    private void admitJoining() {
        Subscriber s;
        while ((s = joining.poll()) != null) {
            if (s.client().terminated()) {
                continue;
            }
            List<Event> replay;
            synchronized (this) {
                long since = s.since();
                replay = since < 0 ? null : ring.stream().filter(e -> e.seq() > since).toList();
            }
            if (replay == null) {
                s.client().sendEvent("reset", "{}", eventId(seq));
                continue;
            }
            boolean ok = true;
            for (Event e : replay) {
                if (!(ok = deliver(s, e))) {
                    break;
                }
            }
            if (ok) {
                subscribers.add(s);
            }
        }
    }

    private boolean deliver(Subscriber s, Event e) {
        if (s.client().terminated()) {
            return false;
        }
        if (!allowed(s.user(), e.patientId(), e.ward(), e.careTeam())) {
            return true;
        }
        try {
            s.client().sendEvent(e.type(), e.json(), eventId(e.seq()));
            return !s.client().terminated();
        } catch (RuntimeException gone) {
            return false;
        }
    }

    private boolean comment(Subscriber s) {
        try {
            s.client().sendComment("keepalive");
            return !s.client().terminated();
        } catch (RuntimeException gone) {
            return false;
        }
    }

    private static boolean allowed(User user, String patientId, String ward, String careTeam) {
        return AccessPolicy.seesWards(user) && AccessPolicy.maySee(user, patientId, ward, careTeam);
    }

    /** Reads Redis once and records every change as an event. */
    private List<Event> poll() {
        List<String> board = live.riskBoard();
        Map<String, Map<String, String>> latest = live.latest(board);
        Map<String, List<String>> openByPatient = live.openAlertsByPatient();
        long now = System.currentTimeMillis();
        Map<String, ObjectNode> newRows = new HashMap<>();
        Map<String, String> newAlerts = new HashMap<>();
        Map<String, PatientProfile> who = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : latest.entrySet()) {
            PatientProfile p = profiles.apply(e.getKey());
            who.put(e.getKey(), p);
            List<String> open = openByPatient.getOrDefault(e.getKey(), List.of());
            newRows.put(e.getKey(), watchers.computeIfAbsent(e.getKey(), k -> new WardRow())
                    .render(p, e.getValue(), open, now, silentAfterMillis));
            for (String json : open) {
                JsonNode a = WardRow.parse(json);
                newAlerts.put(e.getKey() + "|" + a.path("condition").asText(), json);
            }
        }
        List<Event> fresh = new ArrayList<>();
        synchronized (this) {
            newRows.forEach((id, row) -> {
                if (!WardRow.sameAs(rows.get(id), row)) {
                    PatientProfile p = who.get(id);
                    fresh.add(append("patient", id, p.ward(), p.careTeam(), row.toString()));
                }
            });
            for (String id : new HashSet<>(rows.keySet())) {
                if (!newRows.containsKey(id)) {
                    ObjectNode old = rows.get(id);
                    watchers.remove(id);
                    fresh.add(append("removed", id, old.path("ward").asText(null), old.path("careTeam").asText(null),
                            Json.object().put("patientId", id).toString()));
                }
            }
            newAlerts.forEach((key, json) -> {
                if (!json.equals(alerts.get(key))) {
                    String id = key.substring(0, key.lastIndexOf('|'));
                    PatientProfile p = who.get(id);
                    fresh.add(append("alert", id, p.ward(), p.careTeam(), json));
                }
            });
            for (String key : Set.copyOf(alerts.keySet())) {
                if (!newAlerts.containsKey(key)) {
                    String id = key.substring(0, key.lastIndexOf('|'));
                    ObjectNode closed = (ObjectNode) WardRow.parse(alerts.get(key));
                    closed.put("state", "CLOSED");
                    ObjectNode row = rows.getOrDefault(id, newRows.get(id));
                    fresh.add(append("alert", id, row == null ? null : row.path("ward").asText(null),
                            row == null ? null : row.path("careTeam").asText(null), closed.toString()));
                }
            }
            rows.clear();
            rows.putAll(newRows);
            alerts.clear();
            alerts.putAll(newAlerts);
        }
        return fresh;
    }

    private Event append(String type, String patientId, String ward, String careTeam, String json) {
        Event e = new Event(++seq, type, patientId, ward, careTeam, json);
        ring.addLast(e);
        if (ring.size() > RING) {
            ring.removeFirst();
        }
        return e;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscriber s : subscribers) {
            s.client().close();
        }
    }
}
