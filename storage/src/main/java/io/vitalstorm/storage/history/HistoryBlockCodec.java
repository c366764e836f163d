package io.vitalstorm.storage.history;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One patient's readings of a time block as columns (docs/history-storage.md): event times as
 * whole seconds plus a millisecond-offset column (constant 0 for devices on whole seconds, so
 * it costs nothing), devices and bands through a per-block dictionary, each vital, NEWS2, each
 * subscore and each flag as its own column in {@link ColumnCodec}. Every field of every entry
 * comes back exactly; the patient id is the block's key, not stored in it.
 */
public final class HistoryBlockCodec {

    static final int VERSION = 1;

    private static final Consciousness[] ACVPU = Consciousness.values();

    private HistoryBlockCodec() {
    }

    /**
     * Names most blocks hold (subscore keys, bands), written as their index here instead of their
     * text. Part of the stored format: append only, never reorder.
     */
    private static final List<String> KNOWN_NAMES = List.of("respiratoryRate", "spo2", "airOrOxygen", "systolicBp",
            "heartRate", "consciousness", "temperature", "LOW", "LOW_MEDIUM", "MEDIUM", "HIGH");

    /**
     * {@code entries} in block order ({@link HistoryBlocks#ORDER}); {@code baseMillis} is the
     * block's start (its key), so event times are stored as seconds since it.
     */
    public static byte[] encode(long baseMillis, List<HistoryEntry> entries) {
        long baseSeconds = Math.floorDiv(baseMillis, 1000);
        int n = entries.size();
        BitWriter w = new BitWriter();
        w.write(VERSION, 8);
        w.writeVarLong(n);
        if (n == 0) {
            return w.toBytes();
        }
        long[] seconds = new long[n];
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            long ts = entries.get(i).observation().ts();
            seconds[i] = Math.floorDiv(ts, 1000) - baseSeconds;
            millis[i] = Math.floorMod(ts, 1000);
        }
        ColumnCodec.writeLongs(w, seconds, n);
        ColumnCodec.writeLongs(w, millis, n);
        writeStrings(w, entries, e -> e.observation().deviceId());
        writeDouble(w, entries, o -> o.heartRate());
        writeDouble(w, entries, o -> o.respiratoryRate());
        writeDouble(w, entries, o -> o.spo2());
        writeDouble(w, entries, o -> o.systolicBp());
        writeDouble(w, entries, o -> o.temperature());
        writeLong(w, entries,
                e -> e.observation().consciousness() == null ? null : (long) e.observation().consciousness().ordinal());
        writeLong(w, entries, e -> e.observation().onOxygen() == null ? null : e.observation().onOxygen() ? 1L : 0L);
        writeLong(w, entries, e -> (long) e.news2());
        writeStrings(w, entries, HistoryEntry::band);
        writeLong(w, entries, e -> e.incomplete() ? 1L : 0L);
        writeLong(w, entries, e -> e.knownPatient() ? 1L : 0L);
        TreeSet<String> keys = new TreeSet<>();
        entries.forEach(e -> keys.addAll(e.subscores().keySet()));
        w.writeVarLong(keys.size());
        for (String key : keys) {
            writeName(w, key);
            writeLong(w, entries, e -> {
                Integer v = e.subscores().get(key);
                return v == null ? null : (long) v;
            });
        }
        return w.toBytes();
    }

    /** Any damage to a stored block is reported as such, never as another exception. */
    public static List<HistoryEntry> decode(String patientId, long baseMillis, byte[] block) {
        try {
            return decodeUnchecked(patientId, Math.floorDiv(baseMillis, 1000), block);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("corrupt history block: " + e, e);
        }
    }

    private static List<HistoryEntry> decodeUnchecked(String patientId, long baseSeconds, byte[] block) {
        BitReader r = new BitReader(block);
        int version = (int) r.read(8);
        if (version != VERSION) {
            throw new IllegalArgumentException("history block version " + version + " is not supported");
        }
        long count = r.readVarLong();
        if (count < 0 || count > block.length * 8L) {
            throw new IllegalArgumentException("corrupt history block: " + count + " entries");
        }
        int n = (int) count;
        List<HistoryEntry> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        long[] seconds = ColumnCodec.readLongs(r, n);
        long[] millis = ColumnCodec.readLongs(r, n);
        String[] devices = readStrings(r, n);
        Double[] hr = readDouble(r, n);
        Double[] rr = readDouble(r, n);
        Double[] spo2 = readDouble(r, n);
        Double[] sbp = readDouble(r, n);
        Double[] temp = readDouble(r, n);
        Long[] acvpu = readLong(r, n);
        Long[] oxygen = readLong(r, n);
        Long[] news2 = readLong(r, n);
        String[] bands = readStrings(r, n);
        Long[] incomplete = readLong(r, n);
        Long[] known = readLong(r, n);
        int keyCount = (int) r.readVarLong();
        List<Map<String, Integer>> subscores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            subscores.add(new HashMap<>());
        }
        for (int k = 0; k < keyCount; k++) {
            String key = readName(r);
            Long[] values = readLong(r, n);
            for (int i = 0; i < n; i++) {
                if (values[i] != null) {
                    subscores.get(i).put(key, values[i].intValue());
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Observation o = new Observation(patientId, devices[i], (baseSeconds + seconds[i]) * 1000 + millis[i], hr[i],
                    rr[i], spo2[i], sbp[i],
                    temp[i], acvpu[i] == null ? null : ACVPU[(int) (long) acvpu[i]],
                    oxygen[i] == null ? null : oxygen[i] == 1);
            out.add(new HistoryEntry(o, news2[i].intValue(), bands[i], subscores.get(i), incomplete[i] == 1,
                    known[i] == 1));
        }
        return out;
    }

    private static void writeDouble(BitWriter w, List<HistoryEntry> entries, Function<Observation, Double> field) {
        int n = entries.size();
        boolean[] present = new boolean[n];
        double[] values = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            Double v = field.apply(entries.get(i).observation());
            present[i] = v != null;
            if (v != null) {
                values[count++] = v;
            }
        }
        ColumnCodec.writePresence(w, present, n);
        ColumnCodec.writeDoubles(w, values, count);
    }

    private static Double[] readDouble(BitReader r, int n) {
        boolean[] present = ColumnCodec.readPresence(r, n);
        double[] values = ColumnCodec.readDoubles(r, count(present));
        Double[] out = new Double[n];
        for (int i = 0, j = 0; i < n; i++) {
            out[i] = present[i] ? values[j++] : null;
        }
        return out;
    }

    private static void writeLong(BitWriter w, List<HistoryEntry> entries, Function<HistoryEntry, Long> field) {
        int n = entries.size();
        boolean[] present = new boolean[n];
        long[] values = new long[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            Long v = field.apply(entries.get(i));
            present[i] = v != null;
            if (v != null) {
                values[count++] = v;
            }
        }
        ColumnCodec.writePresence(w, present, n);
        ColumnCodec.writeLongs(w, values, count);
    }

    private static Long[] readLong(BitReader r, int n) {
        boolean[] present = ColumnCodec.readPresence(r, n);
        long[] values = ColumnCodec.readLongs(r, count(present));
        Long[] out = new Long[n];
        for (int i = 0, j = 0; i < n; i++) {
            out[i] = present[i] ? values[j++] : null;
        }
        return out;
    }

    /** A dictionary of the block's distinct strings, then their indexes as an integer column. */
    private static void writeStrings(BitWriter w, List<HistoryEntry> entries, Function<HistoryEntry, String> field) {
        Map<String, Long> dictionary = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            String s = field.apply(e);
            if (s != null) {
                dictionary.putIfAbsent(s, (long) dictionary.size());
            }
        }
        w.writeVarLong(dictionary.size());
        dictionary.keySet().forEach(s -> writeName(w, s));
        ToLongFunction<String> index = dictionary::get;
        writeLong(w, entries, e -> {
            String s = field.apply(e);
            return s == null ? null : index.applyAsLong(s);
        });
    }

    private static String[] readStrings(BitReader r, int n) {
        int size = (int) r.readVarLong();
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("corrupt history block: dictionary of " + size);
        }
        String[] dictionary = new String[size];
        for (int i = 0; i < size; i++) {
            dictionary[i] = readName(r);
        }
        Long[] indexes = readLong(r, n);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (indexes[i] != null) {
                if (indexes[i] < 0 || indexes[i] >= size) {
                    throw new IllegalArgumentException("corrupt history block: dictionary index " + indexes[i]);
                }
                out[i] = dictionary[(int) (long) indexes[i]];
            }
        }
        return out;
    }

    /** 1 + the index of a known name, or 0 and the text. */
    private static void writeName(BitWriter w, String s) {
        int known = KNOWN_NAMES.indexOf(s);
        w.writeVarLong(known + 1L);
        if (known < 0) {
            writeString(w, s);
        }
    }

    private static String readName(BitReader r) {
        long known = r.readVarLong();
        if (known == 0) {
            return readString(r);
        }
        if (known > KNOWN_NAMES.size()) {
            throw new IllegalArgumentException("corrupt history block: name " + known);
        }
        return KNOWN_NAMES.get((int) known - 1);
    }

    private static void writeString(BitWriter w, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        w.writeVarLong(bytes.length);
        for (byte b : bytes) {
            w.write(b & 0xFF, 8);
        }
    }

    private static String readString(BitReader r) {
        long len = r.readVarLong();
        if (len < 0 || len > 65_536) {
            throw new IllegalArgumentException("corrupt history block: string of " + len + " bytes");
        }
        byte[] bytes = new byte[(int) len];
        for (int i = 0; i < len; i++) {
            bytes[i] = (byte) r.read(8);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int count(boolean[] present) {
        int c = 0;
        for (boolean p : present) {
            c += p ? 1 : 0;
        }
        return c;
    }
}
