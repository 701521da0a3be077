package org.tremplin.platform.query;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The read models being rebuilt right now, from their reset until their processor runs again: a model in here is
 * incomplete, so that a step or a query that looks something up in it may not find what the events hold. The replay
 * (audit) records them; an error answer names them, so that the person refused knows to try again after the replay
 * rather than to fix input that may be right.
 */
@Component
public class ReadModelRebuilds {

    /** A model being rebuilt: by which replay, since when. */
    public record Rebuild(String model, String replayId, Instant since) {
    }

    private final Map<String, Rebuild> rebuilding = new ConcurrentSkipListMap<>();

    /** The model is emptied and being rebuilt by that replay. */
    public void started(String model, String replayId, Instant since) {
        rebuilding.put(model, new Rebuild(model, replayId, since));
    }

    /** The model is whole again (or its replay ended, whatever happened). */
    public void ended(String model) {
        rebuilding.remove(model);
    }

    /** The models being rebuilt, by name. */
    public List<Rebuild> current() {
        return List.copyOf(rebuilding.values());
    }
}
