package org.tremplin.platform.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP basic sends the password with every request, and checking it costs an engine command (the user, the password
 * hash, the groups: a transaction and three queries). This remembers that a user's credentials were verified and which
 * groups the user had then, so that the next requests of the same client are not checked again, for
 * {@code tremplin.security.verified-credentials-ttl} (default 5 min; 0 turns it off) at most.
 * <ul>
 *   <li>It never stores a password: only an HMAC of the user and password under a key drawn at start-up and kept in
 *   memory, compared in constant time.</li>
 *   <li>Only successes are remembered, and any failed check of a user forgets that user: a wrong password always
 *   reaches the engine, which counts the attempt and locks the account as before; once locked, the right password is
 *   refused too (the first success after a failure is always checked by the engine, which resets the attempts).</li>
 *   <li>Every change of users, groups or memberships made through this node's engine (the API, Admin, the engine REST)
 *   forgets everything, including checks that were under way when the change committed. A change made through another
 *   node's engine is told to this one by {@link IdentityChangesAcrossNodes} within a second or so; while this node
 *   cannot confirm that nothing changed elsewhere ({@link #confirmUnchangedUntil}), it trusts nothing it remembers.</li>
 * </ul>
 */
@Component
public class VerifiedCredentials extends AbstractProcessEnginePlugin {

    private record Verified(byte[] mac, List<String> groups, long expiresAt) {
    }

    /** A check under way: the generation it started in, so that a check older than a change stores nothing. */
    public record Ticket(long generation) {
    }

    private final Map<String, Verified> byUser = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final SecretKeySpec key;
    /**
     * A MAC a thread, keyed once ({@code doFinal} leaves it ready for the next): looking up the algorithm's provider
     * and keying a new one on every request cost about 1.5 % of a request thread's samples.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private volatile long ttlNanos;
    /**
     * Until when what is remembered may be trusted without news from the other nodes (System.nanoTime); no limit
     * while no one watches them (a single node's tests).
     */
    private volatile long trustedUntil;
    private volatile boolean confirmationsRequired;

    public VerifiedCredentials(@Value("${tremplin.security.verified-credentials-ttl:PT5M}") Duration ttl) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttlNanos = ttl.toNanos();
    }

    /** The groups of this user if these very credentials were verified less than the TTL ago, else null. */
    public List<String> groupsIfVerified(String userId, String password) {
        if (ttlNanos <= 0 || confirmationsRequired && System.nanoTime() - trustedUntil >= 0) {
            return null;
        }
        Verified verified = byUser.get(userId);
        if (verified == null) {
            return null;
        }
        if (System.nanoTime() - verified.expiresAt() >= 0) {
            byUser.remove(userId, verified);
            return null;
        }
        return MessageDigest.isEqual(verified.mac(), mac(userId, password)) ? verified.groups() : null;
    }

    /** Taken before checking credentials with the engine. */
    public Ticket beforeCheck() {
        return new Ticket(generation.get());
    }

    /** The engine accepted these credentials, with these groups. */
    public void verified(Ticket ticket, String userId, String password, List<String> groups) {
        if (ttlNanos <= 0) {
            return;
        }
        Verified verified = new Verified(mac(userId, password), List.copyOf(groups), System.nanoTime() + ttlNanos);
        byUser.put(userId, verified);
        if (generation.get() != ticket.generation()) {
            // an identity change committed meanwhile: what the check read may be stale
            byUser.remove(userId, verified);
        }
    }

    /** The engine refused credentials of this user: forget the user, so that the next request is checked. */
    public void refused(String userId) {
        byUser.remove(userId);
    }

    /** Forgets every verified credential (an identity change). */
    public void forgetAll() {
        generation.incrementAndGet();
        byUser.clear();
    }

    /**
     * No identity change was made elsewhere up to now (what {@link IdentityChangesAcrossNodes} found): what is remembered
     * may be trusted until {@code nanoTime}, after which nothing is, until the next confirmation. The first call makes
     * such confirmations required.
     */
    public void confirmUnchangedUntil(long nanoTime) {
        trustedUntil = nanoTime;
        confirmationsRequired = true;
    }

    /** Whether a change of users, groups or memberships is made by this engine command. */
    static boolean changesIdentity(Command<?> command) {
        return command instanceof SaveUserCmd || command instanceof DeleteUserCmd || command instanceof SaveGroupCmd
                || command instanceof DeleteGroupCmd || command instanceof CreateMembershipCmd
                || command instanceof DeleteMembershipCmd || command instanceof UnlockUserCmd;
    }

    private byte[] mac(String userId, String password) {
        Mac mac = macs.get();
        mac.update(userId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new IdentityChanges());
    }

    /** Forgets everything before an identity change runs and again once it committed (or rolled back). */
    private final class IdentityChanges extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!changesIdentity(command)) {
                return next.execute(command);
            }
            forgetAll();
            try {
                return next.execute(command);
            } finally {
                forgetAll();
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    // inside a caller's transaction: the change is visible to other transactions only after it commits
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forgetAll();
                        }
                    });
                }
            }
        }
    }
}
