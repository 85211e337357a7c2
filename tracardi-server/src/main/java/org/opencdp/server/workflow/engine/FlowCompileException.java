package org.opencdp.server.workflow.engine;

/** A flow that cannot run: unknown plugin, invalid init, dangling edge or cycle. Names the node when there is one. */
public final class FlowCompileException extends Exception {

    private final String nodeId;

    public FlowCompileException(String nodeId, String message) {
        super(message);
        this.nodeId = nodeId;
    }

    /** The offending node, or null when the problem is not one node's. */
    public String nodeId() {
        return nodeId;
    }
}
