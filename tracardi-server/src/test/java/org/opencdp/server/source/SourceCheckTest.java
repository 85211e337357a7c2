package org.opencdp.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

class SourceCheckTest {

    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("acme"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EventSource> stored = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private final SourceCheck check = new SourceCheck((scope, id) -> {
        lookups.add(scope + "/" + id);
        return Optional.ofNullable(scope.equals(SCOPE) ? stored.get(id) : null);
    }, true);

    private void store(String json) throws Exception {
        EventSource source = EventSource.fromJson(JSON.readTree(json));
        stored.put(source.id(), source);
    }

    private static void rejected(ThrowingCheck call, String message, SourceRejectedException.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SourceRejectedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.status()).isEqualTo(401);
        });
    }

    interface ThrowingCheck {
        void run() throws Exception;
    }

    @Test
    void internalSourcesAreRefusedBeforeAnyLookup() throws Exception {
        store("{\"id\": \"@internal\", \"type\": [\"rest\", \"internal\"], \"enabled\": true}");
        rejected(() -> check.check(SCOPE, "@x", EndpointKind.REST), "Internal event sources are not allowed via API.",
                SourceRejectedException.Reason.INTERNAL);
        rejected(() -> check.check(SCOPE, " @internal ", EndpointKind.ANY), "Internal event sources are not allowed via API.",
                SourceRejectedException.Reason.INTERNAL);
        assertThat(lookups).isEmpty();
    }

    @Test
    void unknownSourcesAreInvalid() {
        rejected(() -> check.check(SCOPE, "nope", EndpointKind.REST), "Invalid event source", SourceRejectedException.Reason.INVALID);
        rejected(() -> check.check(SCOPE, "  ", EndpointKind.REST), "Invalid event source", SourceRejectedException.Reason.INVALID);
        rejected(() -> check.check(SCOPE, null, EndpointKind.WEBHOOK), "Invalid event source", SourceRejectedException.Reason.INVALID);
    }

    @Test
    void otherScopesDoNotLendTheirSources() throws Exception {
        store("{\"id\": \"web\", \"type\": \"rest\"}");
        rejected(() -> check.check(TenantScope.staging(Tenant.of("acme")), "web", EndpointKind.REST), "Invalid event source",
                SourceRejectedException.Reason.INVALID);
        rejected(() -> check.check(TenantScope.production(Tenant.of("other")), "web", EndpointKind.REST), "Invalid event source",
                SourceRejectedException.Reason.INVALID);
    }

    @Test
    void disabledIsCheckedBeforeTheType() throws Exception {
        store("{\"id\": \"off\", \"type\": [\"webhook\"], \"enabled\": false}");
        rejected(() -> check.check(SCOPE, "off", EndpointKind.REST), "Event source disabled.", SourceRejectedException.Reason.DISABLED);
        rejected(() -> check.check(SCOPE, "off", EndpointKind.WEBHOOK), "Event source disabled.", SourceRejectedException.Reason.DISABLED);
    }

    @Test
    void theEndpointMustBeAmongTheSourceTypes() throws Exception {
        store("{\"id\": \"hook\", \"type\": [\"webhook\"]}");
        rejected(() -> check.check(SCOPE, "hook", EndpointKind.REST), "Event source type not allowed for this endpoint.",
                SourceRejectedException.Reason.WRONG_TYPE);
        rejected(() -> check.check(SCOPE, "hook", EndpointKind.REDIRECT), "Event source type not allowed for this endpoint.",
                SourceRejectedException.Reason.WRONG_TYPE);
        assertThat(check.check(SCOPE, "hook", EndpointKind.WEBHOOK).id()).isEqualTo("hook");
        assertThat(check.check(SCOPE, "hook", EndpointKind.ANY).id()).isEqualTo("hook");
    }

    @Test
    void idsAreTrimmedAndLowerCasedBeforeTheLookup() throws Exception {
        store("{\"id\": \" Web-Site \", \"type\": \"REST\", \"channel\": \"Web\"}");
        EventSource source = check.check(SCOPE, "  WEB-site", EndpointKind.REST);
        assertThat(source.id()).isEqualTo("web-site");
        assertThat(source.type()).containsExactly("rest");
        assertThat(lookups).containsExactly("acme/prod/web-site");
    }

    @Test
    void transitionalAndLockedSourcesPassAndTransitionalOnesAreEphemeral() throws Exception {
        store("{\"id\": \"temp\", \"type\": [\"rest\"], \"transitional\": true, \"locked\": true}");
        EventSource source = check.check(SCOPE, "temp", EndpointKind.REST);
        assertThat(source.ephemeral()).isTrue();
        store("{\"id\": \"kept\", \"type\": [\"rest\"]}");
        assertThat(check.check(SCOPE, "kept", EndpointKind.REST).ephemeral()).isFalse();
    }

    @Test
    void withTheCheckOffAnyIdButInternalOnesIsASyntheticSource() throws Exception {
        SourceCheck off = new SourceCheck((scope, id) -> {
            throw new AssertionError("no lookup when the check is off");
        }, false);
        for (EndpointKind endpoint : EndpointKind.values()) {
            EventSource source = off.check(SCOPE, "Anything", endpoint);
            assertThat(source.id()).isEqualTo("anything");
            assertThat(source.type()).containsExactly("rest", "webhook", "redirect");
            assertThat(source.channel()).isEqualTo("Web");
            assertThat(source.enabled()).isTrue();
            assertThat(source.ephemeral()).isFalse();
        }
        rejected(() -> off.check(SCOPE, "@x", EndpointKind.REST), "Internal event sources are not allowed via API.",
                SourceRejectedException.Reason.INTERNAL);
    }

    @Test
    void mysqlUnreachableDuringTheLookupIsUnavailableNotAnError() {
        SourceCheck down = new SourceCheck((scope, id) -> {
            throw new org.jdbi.v3.core.ConnectionException(new java.sql.SQLNonTransientConnectionException("Connection refused"));
        }, true);
        assertThatThrownBy(() -> down.check(SCOPE, "web", EndpointKind.REST)).isInstanceOf(SourcesUnavailableException.class)
                .hasMessageContaining("MySQL");
        SourceCheck lostMidQuery = new SourceCheck((scope, id) -> {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(
                    new java.sql.SQLTransientConnectionException("socket closed"), null);
        }, true);
        assertThatThrownBy(() -> lostMidQuery.check(SCOPE, "web", EndpointKind.REST)).isInstanceOf(SourcesUnavailableException.class);
    }

    @Test
    void otherDatabaseFailuresAreNotMistakenForAnOutage() {
        SourceCheck broken = new SourceCheck((scope, id) -> {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(
                    new java.sql.SQLSyntaxErrorException("Unknown column"), null);
        }, true);
        assertThatThrownBy(() -> broken.check(SCOPE, "web", EndpointKind.REST))
                .isInstanceOf(org.jdbi.v3.core.statement.UnableToExecuteStatementException.class);
    }
}
