package org.opencdp.server.workflow.engine;

/**
 * How one flow run ended.
 *
 * @param error     null when the flow ran to its end; otherwise why it stopped
 * @param nodeId    the node that stopped it, when there is one
 * @param nodeRuns  node executions used
 * @param trace     the debug trace, or null when not tracing
 */
public record FlowRunResult(String error, String nodeId, int nodeRuns, FlowTrace trace) {

    public boolean ok() {
        return error == null;
    }
}
