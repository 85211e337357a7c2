package org.opencdp.server.merge;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;

/** Merge inspection and revert in the private API. */
public final class MergeModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        Merging merging = wiring.pipeline().merging();
        return List.of(new MergeResource(merging.journal(), merging.reverts()));
    }
}
