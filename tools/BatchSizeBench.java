import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.explain.*;
import dev.loupe.core.model.*;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Path;
import java.util.*;

/**
 * Seconds per image of a batched method at batch sizes 1, 4, 8, 16 and 32, two rounds, in one
 * JVM (the README quotes the second round). Not part of the build; run after ./mvnw install:
 *
 *   java -cp "cli/target/loupe-cli.jar:cli/target/lib/*" tools/BatchSizeBench.java \
 *       fixtures/models/resnet18_traced.pt 224 integrated-gradients steps 32
 */
public class BatchSizeBench {
    public static void main(String[] a) throws Exception {
        String file = a[0]; int size = Integer.parseInt(a[1]); String method = a[2]; String countKey = a[3]; int count = Integer.parseInt(a[4]);
        ExplainerRegistry reg = ExplainerRegistry.load();
        float[] data = new float[3 * size * size];
        Random r = new Random(1);
        for (int i = 0; i < data.length; i++) data[i] = (float) r.nextGaussian();
        FloatArray img = new FloatArray(data, new long[] {1, 3, size, size});
        try (ExplainableModel m = new DjlBackendProvider().open(ModelSpec.of(Path.of(file), 3, size, size))) {
            for (int bs : new int[] {1, 4, 8, 16, 32, 1, 4, 8, 16, 32}) {
                Explainer e = reg.create(method, Map.of(countKey, count, "batch-size", bs), m);
                Explanations.explain(e, m, img, List.of(Target.top()), Labels.none());
                long t0 = System.nanoTime();
                int reps = 3;
                for (int i = 0; i < reps; i++) Explanations.explain(e, m, img, List.of(Target.top()), Labels.none());
                System.out.printf("%s %s=%d batch-size %2d: %.3f s per image%n", method, countKey, count, bs, (System.nanoTime() - t0) / 1e9 / reps);
            }
        }
    }
}
