package org.opencdp.server.role;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.api.ApiUser;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.DataErrorsModule;
import org.opencdp.server.api.InvalidBodyExceptionMapper;
import org.opencdp.server.api.JsonByDefaultFilter;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.RouteGuard;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.api.docs.OpenApiDocument;
import org.opencdp.server.api.docs.OpenApiResource;
import org.opencdp.server.api.auth.BearerTokenFilter;
import org.opencdp.server.api.auth.TokenAuthenticator;
import org.opencdp.server.event.api.EventModule;
import org.opencdp.server.failed.FailedEventModule;
import org.opencdp.server.log.LogModule;
import org.opencdp.server.queue.api.QueueModule;
import org.opencdp.server.profile.api.ProfileModule;
import org.opencdp.server.search.SearchModule;
import org.opencdp.server.session.api.SessionModule;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.install.InstallModule;
import org.opencdp.server.system.SystemModule;
import org.opencdp.server.user.UserModule;
import org.opencdp.server.consent.ConsentModule;
import org.opencdp.server.deploy.DeployModule;
import org.opencdp.server.destination.DestinationModule;
import org.opencdp.server.flow.FlowModule;
import org.opencdp.server.identification.IdentificationModule;
import org.opencdp.server.mapping.MappingModule;
import org.opencdp.server.report.ReportModule;
import org.opencdp.server.resource.ResourceModule;
import org.opencdp.server.rule.RuleModule;
import org.opencdp.server.segment.SegmentModule;
import org.opencdp.server.source.EventSourceModule;
import org.opencdp.server.task.TaskModule;

/**
 * The management API used by the GUI, the SDKs and operators (private-api.md). With
 * {@code api.exposeGuiApi: no} it registers nothing, so the role serves only what a collector serves (D33).
 */
public final class PrivateApiContext implements RoleContext {

    /** Every feature's slice of the private API. New features add their module here. */
    static List<PrivateApiModule> modules() {
        return List.of(new UserModule(), new InstallModule(), new SystemModule(),
                new org.opencdp.server.workflow.WorkflowModule(),
                new DataErrorsModule(), new ProfileModule(), new SessionModule(), new EventModule(),
                new SearchModule(), new LogModule(), new FailedEventModule(), new QueueModule(),
                new EventSourceModule(), new RuleModule(),
                new SegmentModule(), new FlowModule(), new ConsentModule(), new ResourceModule(), new DestinationModule(),
                new MappingModule(), new IdentificationModule(), new TaskModule(), new ReportModule(), new DeployModule(),
                new org.opencdp.server.merge.MergeModule());
    }

    private final Backends backends;
    private final Pipeline pipeline;

    public PrivateApiContext(Backends backends, Pipeline pipeline) {
        this.backends = backends;
        this.pipeline = pipeline;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        backends.elastic();
        backends.redis();
        backends.queue();
        TracardiConfiguration config = backends.config();
        if (!config.api().exposeGuiApi()) {
            return;
        }
        var jersey = environment.jersey();
        if (!jersey.getResourceConfig().isRegistered(RequestScope.class)) {
            // The collector context, which precedes this one in every role that has both, may have registered it.
            jersey.register(new RequestScope(Tenant.of(config.tenancy().tenantName()), config.context().production()));
        }
        jersey.register(new JsonByDefaultFilter());
        AccessTokens tokens = new AccessTokens(backends.redis(), pipeline.json(), config.security().tokenTtl());
        jersey.register(new AuthDynamicFeature(new BearerTokenFilter(new TokenAuthenticator(tokens))));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(ApiUser.class));
        jersey.register(new InvalidBodyExceptionMapper());
        ApiWiring wiring = new ApiWiring(backends, pipeline, tokens);
        List<Object> components = new ArrayList<>();
        for (PrivateApiModule module : modules()) {
            components.addAll(module.components(wiring));
        }
        if (config.api().docs()) {
            components.add(new OpenApiResource(OpenApiDocument.of(List.copyOf(components), config.compat().reportedVersion())));
        }
        RouteGuard.verify(components);
        components.forEach(jersey::register);
    }
}
