package org.opencdp.server.user;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.Tenant;

/** The login audit ({@code user_log}): every login attempt with its outcome and client address. */
public final class UserLogDao {

    private final Jdbi jdbi;

    public UserLogDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(Tenant tenant, String email, boolean successful, String remoteAddress, Instant time) {
        String address = remoteAddress == null ? null : remoteAddress.substring(0, Math.min(64, remoteAddress.length()));
        String login = UserDao.normalizeEmail(email);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO user_log (tenant, id, email, time, successful, remote_address, data)
                        VALUES (:tenant, :id, :email, :time, :successful, :address, '{}')""")
                .bind("tenant", tenant.name()).bind("id", UUID.randomUUID().toString())
                .bind("email", login.substring(0, Math.min(255, login.length())))
                .bind("time", LocalDateTime.ofInstant(time, ZoneOffset.UTC))
                .bind("successful", successful).bind("address", address)
                .execute());
    }

    /** How many attempts were recorded for this e-mail (tests and the audit page). */
    public int count(Tenant tenant, String email, boolean successful) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM user_log WHERE tenant = :tenant AND email = :email AND successful = :ok""")
                .bind("tenant", tenant.name()).bind("email", UserDao.normalizeEmail(email)).bind("ok", successful)
                .mapTo(Integer.class).one());
    }
}
