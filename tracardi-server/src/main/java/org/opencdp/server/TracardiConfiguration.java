package org.opencdp.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.opencdp.server.config.AllInOneConfig;
import org.opencdp.server.config.ApiConfig;
import org.opencdp.server.config.ApmConfig;
import org.opencdp.server.config.CacheConfig;
import org.opencdp.server.config.CollectorConfig;
import org.opencdp.server.config.CompatConfig;
import org.opencdp.server.config.ContextConfig;
import org.opencdp.server.config.DiagnosticsConfig;
import org.opencdp.server.config.ElasticConfig;
import org.opencdp.server.config.FeaturesConfig;
import org.opencdp.server.config.IdentityConfig;
import org.opencdp.server.config.LocksConfig;
import org.opencdp.server.config.QueueConfig;
import org.opencdp.server.config.RedisConfig;
import org.opencdp.server.config.SecurityConfig;
import org.opencdp.server.config.StartupConfig;
import org.opencdp.server.config.StorageConfig;
import org.opencdp.server.config.TenancyConfig;
import org.opencdp.server.config.TmsConfig;
import org.opencdp.server.config.WorkerConfig;
import org.opencdp.server.config.WorkflowConfig;

/**
 * The one configuration file every role reads (operations §2). Each section is its own class in
 * {@code org.opencdp.server.config}; Tracardi's environment variable names reach these keys through the
 * {@code ${VAR:-default}} placeholders of the files in {@code config/}.
 */
public class TracardiConfiguration extends Configuration {

    @JsonProperty @Valid @NotNull private CompatConfig compat = new CompatConfig();
    @JsonProperty @Valid @NotNull private ContextConfig context = new ContextConfig();
    @JsonProperty @Valid @NotNull private ApiConfig api = new ApiConfig();
    @JsonProperty @Valid @NotNull private TenancyConfig tenancy = new TenancyConfig();
    @JsonProperty @Valid @NotNull private SecurityConfig security = new SecurityConfig();
    @JsonProperty @Valid @NotNull private IdentityConfig identity = new IdentityConfig();
    @JsonProperty @Valid @NotNull private ElasticConfig elastic = new ElasticConfig();
    @JsonProperty @Valid @NotNull private DataSourceFactory mysql = new DataSourceFactory();
    @JsonProperty @Valid @NotNull private RedisConfig redis = new RedisConfig();
    @JsonProperty @Valid @NotNull private QueueConfig queue = new QueueConfig();
    @JsonProperty @Valid @NotNull private CollectorConfig collector = new CollectorConfig();
    @JsonProperty @Valid @NotNull private FeaturesConfig features = new FeaturesConfig();
    @JsonProperty @Valid @NotNull private DiagnosticsConfig diagnostics = new DiagnosticsConfig();
    @JsonProperty @Valid @NotNull private WorkerConfig worker = new WorkerConfig();
    @JsonProperty @Valid @NotNull private WorkflowConfig workflow = new WorkflowConfig();
    @JsonProperty @Valid @NotNull private LocksConfig locks = new LocksConfig();
    @JsonProperty @Valid @NotNull private CacheConfig cache = new CacheConfig();
    @JsonProperty @Valid @NotNull private StorageConfig storage = new StorageConfig();
    @JsonProperty @Valid @NotNull private ApmConfig apm = new ApmConfig();
    @JsonProperty @Valid @NotNull private TmsConfig tms = new TmsConfig();
    @JsonProperty @Valid @NotNull private AllInOneConfig allInOne = new AllInOneConfig();
    @JsonProperty @Valid @NotNull private StartupConfig startup = new StartupConfig();

    public CompatConfig compat() { return compat; }
    public ContextConfig context() { return context; }
    public ApiConfig api() { return api; }
    public TenancyConfig tenancy() { return tenancy; }
    public SecurityConfig security() { return security; }
    public IdentityConfig identity() { return identity; }
    public ElasticConfig elastic() { return elastic; }
    public DataSourceFactory mysql() { return mysql; }
    public RedisConfig redis() { return redis; }
    public QueueConfig queue() { return queue; }
    public CollectorConfig collector() { return collector; }
    public FeaturesConfig features() { return features; }
    public DiagnosticsConfig diagnostics() { return diagnostics; }
    public WorkerConfig worker() { return worker; }
    public WorkflowConfig workflow() { return workflow; }
    public LocksConfig locks() { return locks; }
    public CacheConfig cache() { return cache; }
    public StorageConfig storage() { return storage; }
    public ApmConfig apm() { return apm; }
    public TmsConfig tms() { return tms; }
    public AllInOneConfig allInOne() { return allInOne; }
    public StartupConfig startup() { return startup; }
}
