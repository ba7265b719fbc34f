package dev.cutover.support.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The request audit (table {@code request_audit}, append-only): written by {@link AuditInterceptor}, read by {@link AuditResource}. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** One answered state-changing request. */
    public record Entry(String principal, Set<String> roles, String operation, String subject, String requestDigest, int status) {
    }

    /** As read back, with its time. */
    public record Recorded(long id, Instant at, String principal, String roles, String operation, String subject,
            String requestDigest, int status) {
    }

    private final EntityManager entityManager;

    public AuditLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** In a transaction of its own: the row stays whether the operation's own transaction committed or not. */
    void record(Entry entry) {
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                    INSERT INTO request_audit (at, principal, roles, operation, subject, request_digest, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .setParameter(1, Instant.now())
                    .setParameter(2, entry.principal())
                    .setParameter(3, String.join(",", new TreeSet<>(entry.roles())))
                    .setParameter(4, entry.operation())
                    .setParameter(5, entry.subject())
                    .setParameter(6, entry.requestDigest())
                    .setParameter(7, entry.status())
                    .executeUpdate());
        } catch (RuntimeException e) {
            // the operation's answer stands; the missing row is said loudly
            LOG.errorf(e, "request audit not written: %s %s by %s answered %d", entry.operation(), entry.subject(),
                    entry.principal(), entry.status());
        }
    }

    /** The newest first, of one subject when given. */
    @SuppressWarnings("unchecked")
    public List<Recorded> recent(String subject, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) entityManager.createNativeQuery("""
                SELECT id, at, principal, roles, operation, subject, request_digest, status FROM request_audit
                WHERE (CAST(? AS text) IS NULL OR subject = ?) ORDER BY id DESC LIMIT ?""")
                .setParameter(1, subject).setParameter(2, subject).setParameter(3, limit)
                .getResultList()).stream()
                .map(r -> new Recorded(((Number) r[0]).longValue(), (Instant) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], ((Number) r[7]).intValue()))
                .toList());
    }
}
