package org.opencdp.server.workflow.plugins;

import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.workflow.plugin.ActionPlugin;
import org.opencdp.server.workflow.plugins.connectors.RemoteCallAction;
import org.opencdp.server.workflow.plugins.connectors.SmtpDispatcherAction;
import org.opencdp.server.workflow.plugins.consents.ConsentAdder;
import org.opencdp.server.workflow.plugins.consents.RequireConsentsAction;
import org.opencdp.server.workflow.plugins.core.CorePlugins;
import org.opencdp.server.workflow.plugins.counters.DecrementAction;
import org.opencdp.server.workflow.plugins.counters.IncrementAction;
import org.opencdp.server.workflow.plugins.data.CalculatorAction;
import org.opencdp.server.workflow.plugins.data.CreateResponseAction;
import org.opencdp.server.workflow.plugins.data.InjectAction;
import org.opencdp.server.workflow.plugins.data.ReshapePayloadAction;
import org.opencdp.server.workflow.plugins.data.TemplateAction;
import org.opencdp.server.workflow.plugins.flow.IfAction;
import org.opencdp.server.workflow.plugins.flow.LogAction;
import org.opencdp.server.workflow.plugins.flow.NewProfileAction;
import org.opencdp.server.workflow.plugins.flow.NewVisitAction;
import org.opencdp.server.workflow.plugins.flow.PropertyExistsAction;
import org.opencdp.server.workflow.plugins.flow.RaiseErrorAction;
import org.opencdp.server.workflow.plugins.interests.AddInterestAction;
import org.opencdp.server.workflow.plugins.interests.DecreaseInterestAction;
import org.opencdp.server.workflow.plugins.interests.IncreaseInterestAction;
import org.opencdp.server.workflow.plugins.internal.AddEmptyProfileAction;
import org.opencdp.server.workflow.plugins.internal.AddEmptySessionAction;
import org.opencdp.server.workflow.plugins.internal.InjectProfileByField;
import org.opencdp.server.workflow.plugins.internal.PreviousEventGetter;
import org.opencdp.server.workflow.plugins.misc.DetectClientAgentAction;
import org.opencdp.server.workflow.plugins.misc.GetUuid4Action;
import org.opencdp.server.workflow.plugins.operations.DiscardProfileUpdateAction;
import org.opencdp.server.workflow.plugins.operations.MergeProfilesAction;
import org.opencdp.server.workflow.plugins.operations.UpdateSessionAction;
import org.opencdp.server.workflow.plugins.operations.ValueThresholdAction;
import org.opencdp.server.workflow.plugins.segments.AddSegmentAction;
import org.opencdp.server.workflow.plugins.segments.DeleteSegmentAction;
import org.opencdp.server.workflow.plugins.segments.HasSegmentAction;
import org.opencdp.server.workflow.plugins.segments.MoveSegmentAction;
import org.opencdp.server.workflow.plugins.segments.ProfileSegmentAction;
import org.opencdp.server.workflow.plugins.strings.ParseURLParameters;
import org.opencdp.server.workflow.plugins.time.TodayAction;
import org.opencdp.server.workflow.plugins.traits.DeleteTraitAction;
import org.opencdp.server.workflow.plugins.ux.ConsentUx;
import org.opencdp.server.workflow.plugins.ux.GenericJsScriptPlugin;

/**
 * Every action the server provides: the seven of workflows §7 and the further actions of §8. Flows that use any
 * other Tracardi plugin fail to compile with "No plugin for id".
 */
public final class BuiltinPlugins {

    private BuiltinPlugins() {
    }

    /** All actions, those needing backends wired to {@code services}. */
    public static List<ActionPlugin> all(PluginServices services) {
        List<ActionPlugin> plugins = new ArrayList<>(CorePlugins.all());
        plugins.addAll(List.of(
                new IfAction(services.conditions(), services.memory()),
                new DeleteTraitAction(),
                new DiscardProfileUpdateAction(),
                new UpdateSessionAction(),
                new MergeProfilesAction(),
                new IncrementAction(),
                new DecrementAction(),
                new AddInterestAction(),
                new IncreaseInterestAction(),
                new DecreaseInterestAction(),
                new AddSegmentAction(),
                new DeleteSegmentAction(),
                new MoveSegmentAction(),
                new HasSegmentAction(),
                new ProfileSegmentAction(services.conditions()),
                new CreateResponseAction(),
                new ConsentUx(),
                new GenericJsScriptPlugin(),
                new ConsentAdder(services.consentTypes()),
                new RequireConsentsAction(),
                new PropertyExistsAction(),
                new InjectAction(),
                new ReshapePayloadAction(),
                new TemplateAction(),
                new CalculatorAction(),
                new ValueThresholdAction(services.memory()),
                new InjectProfileByField(services.profiles()),
                new AddEmptyProfileAction(),
                new AddEmptySessionAction(),
                new NewVisitAction(),
                new NewProfileAction(),
                new RemoteCallAction(services.resources()),
                new SmtpDispatcherAction(services.resources()),
                new DetectClientAgentAction(services.userAgents()),
                new ParseURLParameters(),
                new LogAction(),
                new RaiseErrorAction(),
                new PreviousEventGetter(services.events()),
                new GetUuid4Action(),
                new TodayAction()));
        return List.copyOf(plugins);
    }

    /** All actions without backend services (see {@link PluginServices#unavailable()}). */
    public static List<ActionPlugin> all() {
        return all(PluginServices.unavailable());
    }
}
