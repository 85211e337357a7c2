package org.opencdp.server.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.opencdp.server.storage.Tenant;

/**
 * The {@code user} table. Users are per tenant and shared by both contexts (private-api §2.1); e-mails are
 * unique per tenant and compared lower-cased.
 */
public final class UserDao {

    /** A user with its password hash, for the login check only. */
    public record Credentials(UserRecord user, String passwordHash) {
    }

    /** Thrown when an e-mail is already used by another user of the tenant. */
    public static final class DuplicateEmailException extends RuntimeException {
        public DuplicateEmailException(String email) {
            super("User with e-mail " + email + " already exists.");
        }
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public UserDao(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<UserRecord> find(Tenant tenant, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT data FROM `user` WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenant.name()).bind("id", id)
                .map((rs, ctx) -> parse(rs.getString("data"))).findOne());
    }

    public Optional<Credentials> findByEmail(Tenant tenant, String email) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT data, password_hash FROM `user` WHERE tenant = :tenant AND email = :email")
                .bind("tenant", tenant.name()).bind("email", normalizeEmail(email))
                .map((rs, ctx) -> new Credentials(parse(rs.getString("data")), rs.getString("password_hash")))
                .findOne());
    }

    public Optional<String> passwordHash(Tenant tenant, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT password_hash FROM `user` WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenant.name()).bind("id", id).mapTo(String.class).findOne());
    }

    /** Users ordered by e-mail, paged. */
    public List<UserRecord> list(Tenant tenant, int start, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data FROM `user` WHERE tenant = :tenant ORDER BY email LIMIT :limit OFFSET :start""")
                .bind("tenant", tenant.name()).bind("limit", limit).bind("start", start)
                .map((rs, ctx) -> parse(rs.getString("data"))).list());
    }

    /** Whether an enabled user with the admin role exists. */
    public boolean adminExists(Tenant tenant) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM `user` WHERE tenant = :tenant AND enabled = TRUE
                        AND JSON_CONTAINS(JSON_EXTRACT(data, '$.roles'), '"admin"')""")
                .bind("tenant", tenant.name()).mapTo(Integer.class).one()) > 0;
    }

    /** Inserts a new user; a taken e-mail throws {@link DuplicateEmailException}. */
    public void insert(Tenant tenant, UserRecord user, String passwordHash) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO `user` (tenant, id, email, password_hash, enabled, data)
                            VALUES (:tenant, :id, :email, :hash, :enabled, :data)""")
                    .bind("tenant", tenant.name()).bind("id", user.id()).bind("email", normalizeEmail(user.email()))
                    .bind("hash", passwordHash).bind("enabled", user.enabled()).bind("data", write(user))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicate(e)) {
                throw new DuplicateEmailException(user.email());
            }
            throw e;
        }
    }

    /** Replaces the user's record, and its hash when {@code passwordHash} is not null; returns rows changed. */
    public int update(Tenant tenant, UserRecord user, String passwordHash) {
        try {
            return jdbi.withHandle(handle -> handle.createUpdate("""
                            UPDATE `user` SET email = :email, enabled = :enabled, data = :data,
                              password_hash = COALESCE(:hash, password_hash), row_version = row_version + 1,
                              updated_at = CURRENT_TIMESTAMP(6)
                            WHERE tenant = :tenant AND id = :id""")
                    .bind("tenant", tenant.name()).bind("id", user.id()).bind("email", normalizeEmail(user.email()))
                    .bind("enabled", user.enabled()).bind("data", write(user)).bind("hash", passwordHash)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicate(e)) {
                throw new DuplicateEmailException(user.email());
            }
            throw e;
        }
    }

    public int delete(Tenant tenant, String id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM `user` WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenant.name()).bind("id", id).execute());
    }

    private static boolean isDuplicate(Exception e) {
        Throwable cause = e.getCause();
        return cause instanceof java.sql.SQLIntegrityConstraintViolationException
                || (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == 1062);
    }

    private UserRecord parse(String data) {
        try {
            return json.readValue(data, UserRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt user row", e);
        }
    }

    private String write(UserRecord user) {
        try {
            return json.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("user is not serialisable", e);
        }
    }
}
