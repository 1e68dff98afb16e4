package dev.loupe.metrics.sanity;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.model.ModelParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cascading model-parameter randomisation (Adebayo et al. 2018): the parameterised layers are
 * randomised cumulatively from the output down, {@code layersPerStep} more at each step, and
 * after each step the batch is explained again for the same classes and compared with the
 * original maps ({@link MapComparison}). Every step randomises with the context's seed, and a
 * tensor's values depend only on the seed and its name, so a layer keeps the same random values
 * through the cascade. The parameters are restored after every step, also when the explainer fails.
 */
final class ModelRandomization implements Metric {

    private final double threshold;
    private final boolean absolute;
    private final int layersPerStep;
    private final int maxSteps;
    private final boolean meanOverCascade;

    /**
     * @param meanOverCascade the value is the mean correlation over the steps instead of the one
     *     after the last step: it also counts how long a map resists (guided backprop keeps its
     *     look until the first layers go, so its final value alone hides that)
     */
    ModelRandomization(double threshold, boolean absolute, int layersPerStep, int maxSteps, boolean meanOverCascade) {
        this.threshold = threshold;
        this.absolute = absolute;
        this.layersPerStep = layersPerStep;
        this.maxSteps = maxSteps;
        this.meanOverCascade = meanOverCascade;
    }

    /** How many top layers are randomised at each step: k, 2k, ... up to all (or maxSteps steps). */
    static List<Integer> cascade(int layerCount, int layersPerStep, int maxSteps) {
        List<Integer> counts = new ArrayList<>();
        for (int n = layersPerStep; ; n += layersPerStep) {
            counts.add(Math.min(n, layerCount));
            if (n >= layerCount || counts.size() == maxSteps) {
                return counts;
            }
        }
    }

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        ModelParameters parameters = context.model().parameters();
        List<String> topDown = new ArrayList<>(parameters.layers());
        if (topDown.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "The model " + context.model().description().source()
                    + " has no trainable parameters to randomise; sanity-model-randomization needs some.");
        }
        java.util.Collections.reverse(topDown);
        List<Integer> steps = cascade(topDown.size(), layersPerStep, maxSteps);
        int batch = context.targets().length;
        List<MapComparison.Plane> originals = new ArrayList<>();
        for (Attribution a : context.attributions()) {
            originals.add(MapComparison.plane(a, absolute));
        }
        FixedTargets sameClasses = new FixedTargets(context.targets());
        MapComparison[][] results = new MapComparison[batch][steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            List<Attribution> maps;
            try (ModelParameters.ParameterEdit edit = parameters.randomize(topDown.subList(0, steps.get(s)), context.seed())) {
                maps = context.reexplain(sameClasses);
            }
            for (int b = 0; b < batch; b++) {
                if (!originals.get(b).constant()) {
                    results[b][s] = MapComparison.compare(originals.get(b), MapComparison.plane(maps.get(b), absolute));
                }
            }
            context.progress().update(s + 1, steps.size());
        }
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            scores.add(originals.get(b).constant()
                    ? MetricScore.notApplicable("the original map is constant: it ranks no pixels")
                    : score(results[b], steps, topDown));
        }
        return scores;
    }

    private MetricScore score(MapComparison[] perStep, List<Integer> steps, List<String> topDown) {
        Map<String, Double> details = new LinkedHashMap<>();
        double[] x = new double[steps.size()];
        double[] rho = new double[steps.size()];
        double[] ssim = new double[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            String deepest = topDown.get(steps.get(s) - 1);
            x[s] = steps.get(s);
            rho[s] = perStep[s].spearman();
            ssim[s] = perStep[s].ssim();
            details.put("spearman:" + deepest, rho[s]);
            details.put("ssim:" + deepest, ssim[s]);
        }
        double last = rho[rho.length - 1];
        double mean = java.util.Arrays.stream(rho).average().orElseThrow();
        double value = meanOverCascade ? mean : last;
        details.put("spearman.final", last);
        details.put("spearman.mean", mean);
        details.put("ssim", ssim[ssim.length - 1]);
        details.put("passed", value < threshold ? 1.0 : 0.0);
        String xLabel = "layers randomised from the output down";
        List<Curve> curves = List.of(
                new Curve("spearman", xLabel, "Spearman rank correlation with the original map", x, rho),
                new Curve("ssim", xLabel, "SSIM with the original map", x, ssim));
        return new MetricScore(value, details, curves, null);
    }
}
