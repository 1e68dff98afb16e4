package dev.loupe.metrics.faithfulness;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.metrics.MapPlane;
import dev.loupe.metrics.ScoreKind;
import java.util.List;
import java.util.Set;

/** The parameters and creation shared by {@code deletion} and {@code insertion}. */
abstract class PixelSweepProvider implements MetricProvider {

    private final boolean insertion;
    private final String defaultBaseline;

    PixelSweepProvider(boolean insertion, String defaultBaseline) {
        this.insertion = insertion;
        this.defaultBaseline = defaultBaseline;
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
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.integer("steps", 50, 1, 100_000, "how many steps the pixels are "
                        + (insertion ? "inserted" : "removed") + " in; the curve has steps + 1 points"),
                ParameterDef.choice("baseline", defaultBaseline, List.of("zeros", "blur", "mean"),
                        "what a pixel not (yet) in the image is: zeros in the model's input space, the blurred image,"
                                + " or the image's per-channel mean"),
                ParameterDef.number("blur-sigma", 5.0, 0.0, 1000.0, "the Gaussian's sigma in pixels for baseline=blur"),
                ScoreKind.parameter(),
                MapPlane.parameter("sum"));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public Metric create(Parameters p) {
        return new PixelSweep(insertion, p.getInt("steps"), Baseline.parse(p.getString("baseline")),
                p.getDouble("blur-sigma"), ScoreKind.parse(p.getString(ScoreKind.PARAMETER)),
                MapPlane.Reduction.parse(p.getString(MapPlane.PARAMETER)));
    }
}
