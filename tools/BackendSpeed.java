import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.backend.tensorflow.TfBackendProvider;
import dev.loupe.core.explain.*;
import dev.loupe.core.model.*;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Path;
import java.util.*;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The same resnet18 weights through both backends in one JVM: a batch-16 forward and forward +
 * input gradient, a bare SavedModelBundle forward (the adapter's floor), and single-image times of
 * a few methods; rounds alternate the backends, the first is a warm-up. Not part of the build;
 * run after ./mvnw package:
 *
 *   java -Dai.djl.offline=true -cp "cli/target/loupe-cli.jar:cli/target/lib/*" tools/BackendSpeed.java
 */
public class BackendSpeed {
    static final int ROUNDS = 6;

    public static void main(String[] a) throws Exception {
        FloatArray x = FloatArray.zeros(16, 3, 224, 224);
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) Math.sin(i * 0.001);
        FloatArray one = new FloatArray(Arrays.copyOf(x.data(), 3 * 224 * 224), new long[] {1, 3, 224, 224});
        try (ExplainableModel djl = new DjlBackendProvider().open(ModelSpec.of(Path.of("fixtures/models/resnet18_traced.pt"), 3, 224, 224));
             ExplainableModel tf = new TfBackendProvider().open(new ModelSpec(Path.of("fixtures/tf/resnet18/graph"), Device.CPU,
                     new long[] {3, 224, 224}, Map.of()))) {
            int[] t = new int[16];
            TargetResolver fixed = new TargetResolver() {
                public int[] resolve(FloatArray l) { return t.clone(); }
                public int[] known(int b) { return t.clone(); }
            };
            for (String what : List.of("forward", "gradient")) {
                double[] ms = new double[2];
                for (int round = 0; round < ROUNDS; round++) {
                    for (int m = 0; m < 2; m++) {
                        try (Scope s = (m == 0 ? djl : tf).openScope()) {
                            var in = s.upload(x);
                            long st = System.nanoTime();
                            if (what.equals("forward")) s.forward(in, HookSpec.none()).logits().toHost();
                            else s.gradients(in, HookSpec.inputOnly(), fixed).inputGradient().toHost();
                            if (round > 0) ms[m] += (System.nanoTime() - st) / 1e6 / (ROUNDS - 1);
                        }
                    }
                }
                System.out.printf("%s, batch 16: djl %.1f ms, tensorflow %.1f ms, ratio %.2f%n", what, ms[0], ms[1], ms[1] / ms[0]);
            }
            System.out.printf("bare SavedModelBundle forward, batch 16: %.1f ms%n", bare(x.data()));
            ExplainerRegistry r = ExplainerRegistry.load();
            String[][] cases = {{"saliency", ""}, {"grad-cam", "layer4"}, {"guided-backprop", ""},
                    {"integrated-gradients", ""}, {"score-cam", "layer4"}, {"ablation-cam", "layer4"}};
            for (String[] c : cases) {
                double[] ms = new double[2];
                Map<String, Object> p = c[1].isEmpty() ? Map.of() : Map.of("layer", c[1]);
                for (int round = 0; round < 4; round++) {
                    for (int m = 0; m < 2; m++) {
                        ExplainableModel model = m == 0 ? djl : tf;
                        long st = System.nanoTime();
                        Explanations.explain(r.create(c[0], p, model), model, one, List.of(Target.index(3)), Labels.none());
                        if (round > 0) ms[m] += (System.nanoTime() - st) / 1e6 / 3;
                    }
                }
                System.out.printf("%-22s djl %8.1f ms, tensorflow %8.1f ms, ratio %.2f%n", c[0], ms[0], ms[1], ms[1] / ms[0]);
            }
        }
    }

    static double bare(float[] x) {
        try (SavedModelBundle b = SavedModelBundle.load("fixtures/tf/resnet18/graph", "serve")) {
            double ms = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long st = System.nanoTime();
                try (TFloat32 t = TFloat32.tensorOf(Shape.of(16, 3, 224, 224), DataBuffers.of(x, true, false));
                     Result res = b.session().runner().feed("input", t).fetch("logits").run()) {
                    if (r > 0) ms += (System.nanoTime() - st) / 1e6 / (ROUNDS - 1);
                }
            }
            return ms;
        }
    }
}
