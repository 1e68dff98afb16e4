package dev.loupe.cli;

import dev.loupe.cli.config.MethodConfig;
import dev.loupe.cli.config.OutputConfig;
import dev.loupe.cli.config.PreprocessConfig;
import dev.loupe.cli.config.RunConfig;
import dev.loupe.cli.config.Size;
import dev.loupe.render.heatmap.MapPipeline;
import dev.loupe.render.heatmap.ScaleRule;
import dev.loupe.render.heatmap.ScaleSharing;
import dev.loupe.render.image.ImageSize;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.Resize;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a bound YAML config into a run; flags given next to {@code --config} override it
 * ({@code modelOptions}: the file's {@code model.options} with {@code --model-option} on top).
 */
final class ConfigToRunSpec {

    private ConfigToRunSpec() {
    }

    static RunSpec convert(Path file, RunConfig config, Path outOverride, Map<String, String> modelOptions, int batchSize) {
        List<MethodRequest> methods = config.methods().stream()
                .map((MethodConfig m) -> new MethodRequest(m.name(), m.params()))
                .toList();
        return new RunSpec(file, config.model().path(), config.model().backend(), config.model().device(),
                modelOptions, config.model().labels(), preprocessor(config.preprocess()), config.images(),
                config.target().toTarget(), methods,
                outOverride != null ? outOverride : config.output().dir(),
                config.output().overlayAlpha(), config.output().colormap(), rendering(config.output()), batchSize,
                config.output().report());
    }

    static Rendering rendering(OutputConfig o) {
        // clip is the outlier share (Captum's 2 %); the scale rule takes the percentile kept
        ScaleRule scale = o.clip() == null ? ScaleRule.minMax() : ScaleRule.clip(100 - o.clip());
        MapPipeline pipeline = new MapPipeline(o.reduction(), o.sign(), scale, ScaleSharing.NONE, o.upsample());
        return new Rendering(pipeline, o.kinds(), o.maskTopPercent(), o.pictureFormat(), o.grid());
    }

    static Preprocessor preprocessor(PreprocessConfig p) {
        Resize resize = p.resize() == null ? Resize.none() : toResize(p.resize());
        Optional<ImageSize> crop = p.centerCrop() == null
                ? Optional.empty()
                : Optional.of(new ImageSize(p.centerCrop().height(), p.centerCrop().width()));
        return new Preprocessor(resize, crop, floats(p.mean()), floats(p.std()));
    }

    static Resize toResize(Size size) {
        return size.single() ? new Resize.ShorterSide(size.height()) : new Resize.Exact(new ImageSize(size.height(), size.width()));
    }

    private static float[] floats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
