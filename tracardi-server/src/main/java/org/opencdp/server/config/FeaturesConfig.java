package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** Switches for the optional stages of event processing. */
public class FeaturesConfig {
    @JsonProperty private boolean workflow = true;
    @JsonProperty private boolean eventToProfileMapping = true;
    @JsonProperty private boolean eventValidation = true;
    @JsonProperty private boolean eventReshaping = true;
    @JsonProperty private boolean identificationPoints = true;
    @JsonProperty private boolean postEventSegmentation = true;
    @JsonProperty private boolean eventDestinations = false;
    @JsonProperty private boolean profileDestinations = false;
    @JsonProperty private boolean fieldUpdateLog = false;
    @JsonProperty private boolean systemEvents = true;
    @JsonProperty private boolean visitEnded = false;
    @JsonProperty @NotNull private Duration closeVisitAfter = Duration.ofSeconds(1800);

    public boolean workflow() { return workflow; }
    public boolean eventToProfileMapping() { return eventToProfileMapping; }
    public boolean eventValidation() { return eventValidation; }
    public boolean eventReshaping() { return eventReshaping; }
    public boolean identificationPoints() { return identificationPoints; }
    public boolean postEventSegmentation() { return postEventSegmentation; }
    public boolean eventDestinations() { return eventDestinations; }
    public boolean profileDestinations() { return profileDestinations; }
    public boolean fieldUpdateLog() { return fieldUpdateLog; }
    public boolean systemEvents() { return systemEvents; }
    public boolean visitEnded() { return visitEnded; }
    public Duration closeVisitAfter() { return closeVisitAfter; }
}
