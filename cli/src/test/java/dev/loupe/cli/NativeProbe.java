package dev.loupe.cli;

import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.registry.BackendRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link NativeLibrariesTest}: opens each model given (backend chosen
 * from the file, as the CLI does), runs {@code rounds} gradient passes on each in turn, and
 * prints which native engines the process has mapped and whether every round gave the first
 * round's numbers.
 */
public final class NativeProbe {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<ExplainableModel> models = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path path = Path.of(args[i]);
            models.add(BackendRegistry.load().choose("auto", path).open(new ModelSpec(path, Device.CPU, new long[] {3, 80, 80},
                    path.toString().contains("keras") ? Map.of("output", "logits") : Map.of())));
        }
        FloatArray input = FloatArray.zeros(1, 3, 80, 80);
        for (int i = 0; i < input.data().length; i++) {
            input.data()[i] = (float) Math.sin(i * 0.01);
        }
        float[][] first = new float[models.size()][];
        boolean stable = true;
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < models.size(); m++) {
                try (Scope scope = models.get(m).openScope()) {
                    float[] g = scope.gradients(scope.upload(input), HookSpec.inputOnly(), l -> new int[] {0}).inputGradient().toHost().data();
                    if (first[m] == null) {
                        first[m] = g;
                    } else {
                        stable &= Arrays.equals(first[m], g);
                    }
                }
            }
        }
        String maps = Files.readString(Path.of("/proc/self/maps"));
        System.out.println("libtorch=" + maps.contains("libtorch_cpu") + " libtensorflow=" + maps.contains("libtensorflow")
                + " stable=" + stable);
        models.forEach(ExplainableModel::close);
    }
}
