package org.tremplin.platform.config;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token store of an in-step group's processor (decision 11): the database's own token store, with two changes.
 *
 * <ul>
 *   <li>When the processor claims a segment, the group's index of events to handle again is read anew
 *   ({@link InStepGroups#refresh}), in the claim's transaction: a node taking the processor over acts on the index as
 *   it is now. A token back at the start (a reset) makes it handle every event again ({@link InStepGroups#forget}).</li>
 *   <li>A batch with nothing handled (every event passed by: the steps applied them) stores its token at most every
 *   {@link #DEFERRED} for a segment; the last such token is stored with the next batch that handles something, at the
 *   next claim extension (each idle second) or when the claim is released. Axon stores a token after every batch, a
 *   transaction each, even when it handled nothing; the steps' events would otherwise cost a transaction each for
 *   passing them by. The claim is still extended at least every {@link #DEFERRED}, well within its timeout.</li>
 * </ul>
 *
 * <p>A token left unstored is a position already past events with nothing to do: after a crash the processor reads them
 * again and passes them by again.
 */
public final class InStepTokenStore implements TokenStore {

    /** The longest a segment's token may wait after a batch with nothing handled. */
    static final Duration DEFERRED = Duration.ofMillis(500);

    private final TokenStore delegate;
    private final String group;
    private final InStepGroups groups;
    private final Map<Integer, TrackingToken> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Long> storedAt = new ConcurrentHashMap<>();

    InStepTokenStore(TokenStore delegate, String group, InStepGroups groups) {
        this.delegate = delegate;
        this.group = group;
        this.groups = groups;
    }

    /** The database's token store behind a processor's: itself, or the one behind an in-step group's. */
    public static TokenStore database(TokenStore store) {
        return store instanceof InStepTokenStore inStep ? inStep.delegate : store;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        long now = System.nanoTime();
        if (processorName.equals(group) && !CurrentUnitOfWork.isStarted() && InStepTrackingProcessor.passedByLast()) {
            Long last = storedAt.get(segment);
            if (last != null && now - last < DEFERRED.toNanos()) {
                pending.put(segment, token);
                return;
            }
        }
        delegate.storeToken(token, processorName, segment);
        storedAt.put(segment, now);
        pending.remove(segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return claimed(processorName, segment, delegate.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return claimed(processorName, segment.getSegmentId(), delegate.fetchToken(processorName, segment));
    }

    /**
     * A segment claimed: the group's index read anew, or forgotten when the token was set back to the start (a reset
     * finished after a stop, Axon's own reset): the tables were emptied, every event is to be handled again.
     */
    private TrackingToken claimed(String processorName, int segment, TrackingToken token) {
        if (processorName.equals(group)) {
            pending.remove(segment);
            storedAt.remove(segment);
            if (token == null || token instanceof ReplayToken) {
                groups.forget(group);
            } else {
                groups.refresh(group);
            }
        }
        return token;
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = pending.remove(segment);
        if (token != null) {
            delegate.storeToken(token, processorName, segment);
            storedAt.put(segment, System.nanoTime());
        } else {
            delegate.extendClaim(processorName, segment);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        TrackingToken token = pending.remove(segment);
        if (token != null) {
            try {
                delegate.storeToken(token, processorName, segment);
            } catch (UnableToClaimTokenException e) {
                // another node owns it already: its own position stands
            }
        }
        storedAt.remove(segment);
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        pending.remove(segment);
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() throws UnableToRetrieveIdentifierException {
        return delegate.retrieveStorageIdentifier();
    }
}
