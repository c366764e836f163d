package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.ThresholdsScope;

import java.util.Optional;

/**
 * The thresholds tree under {@code <root>}:
 * <pre>
 * &lt;root&gt;/thresholds                      global document
 * &lt;root&gt;/thresholds/wards/&lt;ward&gt;         ward override (partial JSON)
 * &lt;root&gt;/thresholds/patients/&lt;id&gt;        patient override (partial JSON)
 * &lt;root&gt;/thresholds-history/&lt;scope&gt;/change-NNNNNNNNNN   audit record of every change
 * </pre>
 * where {@code <scope>} is {@code global}, {@code wards/<ward>} or {@code patients/<id>}.
 */
public record ThresholdsPaths(String root) {

    public ThresholdsPaths {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String base() {
        return root + "/thresholds";
    }

    public String wards() {
        return base() + "/" + ThresholdsScope.WARDS;
    }

    public String patients() {
        return base() + "/" + ThresholdsScope.PATIENTS;
    }

    public String historyBase() {
        return root + "/thresholds-history";
    }

    public String node(ThresholdsScope scope) {
        return scope.kind() == ThresholdsScope.Kind.GLOBAL ? base() : base() + "/" + scope.relativePath();
    }

    public String history(ThresholdsScope scope) {
        return historyBase() + "/" + (scope.kind() == ThresholdsScope.Kind.GLOBAL ? "global" : scope.relativePath());
    }

    /** The scope a watched znode holds; empty for the grouping nodes and anything foreign. */
    public Optional<ThresholdsScope> scopeOf(String path) {
        if (path.equals(base())) {
            return Optional.of(ThresholdsScope.GLOBAL);
        }
        if (!path.startsWith(base() + "/")) {
            return Optional.empty();
        }
        try {
            return ThresholdsScope.fromRelativePath(path.substring(base().length() + 1));
        } catch (IllegalArgumentException notAScope) {
            return Optional.empty();
        }
    }

    /** True for every znode the operator ACL protects: the documents and their history. */
    public boolean isProtected(String path) {
        return path.equals(base()) || path.startsWith(base() + "/")
                || path.equals(historyBase()) || path.startsWith(historyBase() + "/");
    }
}
