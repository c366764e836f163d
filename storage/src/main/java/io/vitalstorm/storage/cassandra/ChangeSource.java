package io.vitalstorm.storage.cassandra;

/** Where a registry change came from, kept with every profile and every history row. */
public enum ChangeSource {
    /** The hospital's SQL database, through the registry sync. */
    SQL,
    /** An admission, transfer or discharge event from the ADT feed. */
    ADT,
    /** An operator: {@code vitalstorm patients load}. */
    CLI
}
