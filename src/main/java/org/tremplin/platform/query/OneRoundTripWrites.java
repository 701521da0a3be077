package org.tremplin.platform.query;

/**
 * A read model whose event handlers write only through {@link BatchedWrites} (no statement of their own on the
 * connection): in a step's transaction on PostgreSQL, each handler's writes and its savepoint then go to the database
 * in one round trip ({@link HandlerRoundTrip}). A read model that writes any other way must not say so: its writes
 * would be sent before the savepoint and stay when the handler fails.
 */
public interface OneRoundTripWrites {
}
