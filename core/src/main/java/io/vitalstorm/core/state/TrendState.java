package io.vitalstorm.core.state;

/** The trend detector as checkpointed: the newest five-minute slot and the ring of lowest scores per slot. */
public record TrendState(int newest, byte[] slotMin) {
}
