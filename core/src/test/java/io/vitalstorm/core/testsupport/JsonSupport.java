package io.vitalstorm.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading JSON back in assertions. */
public final class JsonSupport {

    private JsonSupport() {
    }

    public static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(byte[] json) {
        return tree(new String(json, StandardCharsets.UTF_8));
    }

    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Non-blank lines of some output, each parsed as JSON. */
    public static List<JsonNode> jsonLines(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        text.lines().filter(l -> !l.isBlank()).forEach(l -> nodes.add(tree(l)));
        return nodes;
    }
}
