package io.vitalstorm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal GNU-style options: {@code --name value}, {@code --flag}, and positional arguments. */
final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    /** @param valued the options that take a value; any other {@code --x} is a flag */
    static Args parse(String[] args, int from, Set<String> valued, Set<String> knownFlags) {
        Args a = new Args();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                a.options.put(arg, args[++i]);
            } else if (knownFlags.contains(arg)) {
                a.flags.add(arg);
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    /** A mistake in how the command was called: printed with the usage, exit status 64. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
