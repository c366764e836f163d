package io.vitalstorm.core.json;

import io.vitalstorm.core.model.PatientProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL file of patient profiles, keeping every bad line with its number and reason. */
public final class PatientProfilesFile {

    public record Contents(List<PatientProfile> profiles, List<String> errors) {
    }

    private PatientProfilesFile() {
    }

    public static Contents read(Path file) throws IOException {
        List<PatientProfile> profiles = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    profiles.add(PatientProfileJson.parse(line));
                } catch (IllegalArgumentException e) {
                    errors.add(file.getFileName() + " line " + number + ": " + e.getMessage());
                }
            }
        }
        return new Contents(profiles, errors);
    }
}
