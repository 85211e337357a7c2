package org.opencdp.server.search;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.elastic.DataIndex;

/**
 * The generic search endpoints; the {@code where} filter is the condition language, translated for Elasticsearch
 * ({@link ConditionWhereFilter}) or evaluated on MySQL configuration entities ({@link ConfigSearchService}).
 */
public final class SearchModule implements PrivateApiModule {

    private final WhereFilter filters;

    public SearchModule() {
        this(new ConditionWhereFilter(Clock.systemUTC()));
    }

    public SearchModule(WhereFilter filters) {
        this.filters = filters;
    }

    @Override
    public List<Object> components(ApiWiring wiring) {
        DataIndex data = new DataIndex(wiring.backends().elastic(), wiring.json());
        ConfigRows rows = new ConfigRows(wiring.backends().mysql().jdbi(), wiring.json());
        return List.of(new SearchResource(new SearchService(data, filters, Clock.systemUTC()),
                new ConfigSearchService(rows, Clock.systemUTC())));
    }
}
