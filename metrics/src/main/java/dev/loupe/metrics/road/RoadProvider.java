package dev.loupe.metrics.road;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.metrics.MapPlane;
import dev.loupe.metrics.ScoreKind;
import java.util.List;
import java.util.Set;

/** {@code road}: remove-and-debias with noisy linear imputation, MoRF and LeRF; see {@link Road}. */
@Internal
public final class RoadProvider implements MetricProvider {

    static final String PERCENTAGES = "percentages";

    @Override
    public String name() {
        return "road";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "ROAD (Rong 2022): MoRF and LeRF curves with noisy linear imputation; value = mean LeRF - MoRF score,"
                + " higher is better.";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.HIGHER_IS_BETTER;
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.string(PERCENTAGES, "10,20,30,40,50,60,70,80,90",
                        "comma-separated percentages of pixels to remove, each above 0 and below 100, increasing"),
                ParameterDef.number("noise", 0.01, 0.0, 100.0,
                        "standard deviation of the Gaussian noise added to imputed values (ROAD: 0.01)"),
                ScoreKind.parameter(),
                MapPlane.parameter("sum"));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public Metric create(Parameters p) {
        return new Road(percentages(p.getString(PERCENTAGES)), p.getDouble("noise"),
                ScoreKind.parse(p.getString(ScoreKind.PARAMETER)), MapPlane.Reduction.parse(p.getString(MapPlane.PARAMETER)));
    }

    static double[] percentages(String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw problem(text, "'" + parts[i].strip() + "' is not a number");
            }
            if (!(out[i] > 0 && out[i] < 100)) {
                throw problem(text, out[i] + " is not above 0 and below 100");
            }
            if (i > 0 && out[i] <= out[i - 1]) {
                throw problem(text, "they must increase");
            }
        }
        return out;
    }

    private static ParameterException problem(String text, String why) {
        return new ParameterException("road", List.of("'" + PERCENTAGES + "': " + why + " (got '" + text
                + "'); give e.g. 10,20,30,40,50,60,70,80,90"));
    }
}
