package dev.loupe.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final Labels ANIMALS = new Labels(List.of("cat", "dog", "tabby cat", "goldfish"));

    /** Logits (3 images, 4 classes): image 0 is a dog, image 1 a cat, image 2 a goldfish. */
    private static final FloatArray LOGITS = new FloatArray(new float[] {
        0.1f, 2.0f, -1.0f, 1.9f,
        5.0f, 1.0f, 4.9f, -2.0f,
        -3.0f, -2.0f, -1.5f, -1.0f,
    }, new long[] {3, 4});

    private static int[] resolve(List<Target> targets, Labels labels, FloatArray logits) {
        TargetResolver resolver = Targets.resolver(targets, labels);
        return resolver.resolve(logits);
    }

    @Test
    void topIsTheArgmaxOfEachImage() {
        assertArrayEquals(new int[] {1, 0, 3}, resolve(List.of(Target.top()), Labels.none(), LOGITS));
    }

    @Test
    void topOnTiesTakesTheFirstClassLikeArgmax() {
        FloatArray tie = new FloatArray(new float[] {1, 3, 3, 0, 7, 7, 7, 7}, new long[] {2, 4});
        assertArrayEquals(new int[] {1, 0}, resolve(List.of(Target.top()), Labels.none(), tie));
    }

    @Test
    void topOfASingleClassModel() {
        FloatArray one = new FloatArray(new float[] {-4, 2}, new long[] {2, 1});
        assertArrayEquals(new int[] {0, 0}, resolve(List.of(Target.top()), Labels.none(), one));
    }

    @Test
    void topLooksOnlyAtItsOwnImage() {
        // the largest logit of the whole batch sits in image 1: image 0 must not pick its column
        FloatArray logits = new FloatArray(new float[] {1, 0, 0, 9}, new long[] {2, 2});
        assertArrayEquals(new int[] {0, 1}, resolve(List.of(Target.top()), Labels.none(), logits));
    }

    @Test
    void anIndexIsUsedAsIs() {
        assertArrayEquals(new int[] {2, 2, 2}, resolve(List.of(Target.index(2)), Labels.none(), LOGITS));
        assertArrayEquals(new int[] {0, 0, 0}, resolve(List.of(Target.index(0)), Labels.none(), LOGITS));
        assertArrayEquals(new int[] {3, 3, 3}, resolve(List.of(Target.index(3)), Labels.none(), LOGITS), "last class");
    }

    @Test
    void aLabelIsLookedUpInTheLabels() {
        assertArrayEquals(new int[] {2, 2, 2}, resolve(List.of(Target.label("tabby cat")), ANIMALS, LOGITS));
        assertArrayEquals(new int[] {1, 1, 1}, resolve(List.of(Target.label("dog")), ANIMALS, LOGITS));
    }

    @Test
    void indicesAndLabelsAreKnownBeforeTheLogitsAndTopIsNot() {
        assertArrayEquals(new int[] {2, 1, 0},
                Targets.resolver(List.of(Target.index(2), Target.label("dog"), Target.index(0)), ANIMALS).known(3));
        assertArrayEquals(new int[] {3, 3}, Targets.resolver(List.of(Target.index(3)), Labels.none()).known(2));
        assertNull(Targets.resolver(List.of(Target.index(1), Target.top()), ANIMALS).known(2));
        assertNull(Targets.resolver(List.of(Target.index(1), Target.index(2)), ANIMALS).known(3), "wrong batch size");
    }

    @Test
    void aLabelWithoutALabelsFileIsAUsageError() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> resolve(List.of(Target.label("dog")), Labels.none(), LOGITS));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
        assertTrue(e.getMessage().contains("class index"), e.getMessage());
    }

    @Test
    void anUnknownLabelSuggestsTheClosest() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> resolve(List.of(Target.label("dgo")), ANIMALS, LOGITS));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("'dgo'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'dog'?"), e.getMessage());
        LoupeException far = assertThrows(LoupeException.class,
                () -> resolve(List.of(Target.label("aircraft carrier")), ANIMALS, LOGITS));
        assertFalse(far.getMessage().contains("Did you mean"), far.getMessage());
    }

    @Test
    void anIndexOutOfRangeIsAnInputErrorNamingTheClassCount() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> resolve(List.of(Target.index(4)), Labels.none(), LOGITS));
        assertEquals(ErrorKind.INPUT, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("4"), m);
        assertTrue(m.contains("4 classes"), m);
        assertTrue(m.contains("0..3"), m);
        LoupeException far = assertThrows(LoupeException.class,
                () -> resolve(List.of(Target.index(1000)), Labels.none(), LOGITS));
        assertTrue(far.getMessage().contains("Target class 1000 is out of range"), far.getMessage());
    }

    @Test
    void aLabelBeyondTheModelsClassesIsOutOfRange() {
        // a labels file with more names than the model has outputs
        Labels many = new Labels(List.of("a", "b", "c", "d", "e", "f"));
        LoupeException e = assertThrows(LoupeException.class, () -> resolve(List.of(Target.label("f")), many, LOGITS));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("f") && e.getMessage().contains("4 classes"), e.getMessage());
    }

    @Test
    void oneTargetIsBroadcastOverTheBatch() {
        FloatArray batchOf5 = FloatArray.zeros(5, 4);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, resolve(List.of(Target.label("dog")), ANIMALS, batchOf5));
        assertArrayEquals(new int[] {3}, resolve(List.of(Target.index(3)), ANIMALS, FloatArray.zeros(1, 4)));
    }

    @Test
    void oneTargetPerImage() {
        int[] chosen = resolve(List.of(Target.index(3), Target.top(), Target.label("tabby cat")), ANIMALS, LOGITS);
        assertArrayEquals(new int[] {3, 0, 2}, chosen);
    }

    @Test
    void aTargetCountThatFitsNeitherOneNorTheBatchIsRejected() {
        TargetResolver two = Targets.resolver(List.of(Target.top(), Target.top()), Labels.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.resolve(LOGITS));
        assertTrue(e.getMessage().contains("2 targets") && e.getMessage().contains("batch of 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Targets.resolver(List.of(), Labels.none()).resolve(LOGITS));
    }

    @Test
    void theResolverCanBeUsedForSeveralBatches() {
        TargetResolver top = Targets.resolver(List.of(Target.top()), Labels.none());
        assertArrayEquals(new int[] {1, 0, 3}, top.resolve(LOGITS));
        assertArrayEquals(new int[] {1}, top.resolve(new FloatArray(new float[] {0, 1}, new long[] {1, 2})));
    }
}
