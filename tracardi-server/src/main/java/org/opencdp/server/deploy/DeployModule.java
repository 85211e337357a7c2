package org.opencdp.server.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.consent.ConsentTypeResource;
import org.opencdp.server.destination.DestinationResource;
import org.opencdp.server.flow.FlowRecords;
import org.opencdp.server.identification.IdentificationPointResource;
import org.opencdp.server.mapping.EventToProfileMappingDao;
import org.opencdp.server.mapping.EventTypeMetadataResource;
import org.opencdp.server.resource.ResourceService;
import org.opencdp.server.rule.RuleService;
import org.opencdp.server.segment.SegmentResource;
import org.opencdp.server.source.EventRedirectResource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** {@code /deploy} and {@code /undeploy} over every deployable configuration table (private-api §3.13). */
public final class DeployModule implements PrivateApiModule {

    /** Validators and reshaping schemas have no endpoints yet, but their rows can already be deployed. */
    static final ConfigTableSpec<ObjectNode> EVENT_VALIDATION = ConfigTableSpec.documents("event_validation",
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type")));
    static final ConfigTableSpec<ObjectNode> EVENT_RESHAPING = ConfigTableSpec.documents("event_reshaping",
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type")),
            ConfigColumn.text("source_id", 128, doc -> Documents.text(doc, "event_source.id")));

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var changes = wiring.pipeline().configChanges();
        List<ConfigTableSpec<?>> specs = List.of(EventSourceDao.SPEC, FlowRecords.SPEC, RuleService.SPEC,
                DestinationResource.SPEC, ResourceService.SPEC, EventToProfileMappingDao.SPEC, EventTypeMetadataResource.SPEC,
                IdentificationPointResource.SPEC, ConsentTypeResource.SPEC, EventRedirectResource.SPEC, SegmentResource.SPEC,
                EVENT_VALIDATION, EVENT_RESHAPING);
        Map<String, ConfigTable<?>> tables = new LinkedHashMap<>();
        for (ConfigTableSpec<?> spec : specs) {
            tables.put(spec.table(), new ConfigTable<>(jdbi, wiring.json(), changes, spec));
        }
        return List.of(new DeployResource(tables));
    }
}
