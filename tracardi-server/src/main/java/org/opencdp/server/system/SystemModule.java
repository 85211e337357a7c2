package org.opencdp.server.system;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.role.Backends;

/** Settings, server time and the backend round-trip tests. */
public final class SystemModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        Backends backends = wiring.backends();
        Map<String, BackendProbe> probes = new LinkedHashMap<>();
        probes.put("redis", () -> backends.redis().jedis().ping());
        probes.put("elasticsearch", () -> backends.elastic().client().cluster().health(h -> h.timeout(t -> t.time("5s"))));
        probes.put("mysql", () -> backends.mysql().jdbi().useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()));
        probes.put("queue", () -> {
            var reply = backends.queue().admin().get("/admin/v2/clusters");
            if (!reply.ok()) {
                throw new IllegalStateException("Pulsar admin answered " + reply.status());
            }
        });
        return List.of(new SystemResource(new SettingsCatalogue(wiring.config()), Clock.systemUTC()),
                new BackendTestResource(probes));
    }
}
