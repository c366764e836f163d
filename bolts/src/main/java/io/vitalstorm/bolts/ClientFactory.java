package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;

import java.io.Serializable;

/**
 * How a bolt gets a collaborator (a store, a registry, the thresholds watch) in {@code prepare}:
 * in production a {@link WorkerResources} method shared by the worker's tasks, in unit tests a
 * lambda returning a mock. Serializable because the bolt that holds it is shipped to the workers.
 */
@FunctionalInterface
public interface ClientFactory<T> extends Serializable {

    T create(VitalStormSettings settings);
}
