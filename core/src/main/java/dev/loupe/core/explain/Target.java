package dev.loupe.core.explain;

import dev.loupe.core.stability.Stable;

/** Which class an explanation is about. */
@Stable
public sealed interface Target permits Target.TopPrediction, Target.ClassIndex, Target.ClassLabel {

    /** The class the model scores highest for each image. */
    record TopPrediction() implements Target {
        @Override
        public String toString() {
            return "top";
        }
    }

    /** A class by its index in the model's output. */
    record ClassIndex(int index) implements Target {
        public ClassIndex {
            if (index < 0) {
                throw new IllegalArgumentException("class index must be >= 0, got " + index);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    /** A class by its name in the labels file. */
    record ClassLabel(String label) implements Target {
        @Override
        public String toString() {
            return label;
        }
    }

    static Target top() {
        return new TopPrediction();
    }

    static Target index(int index) {
        return new ClassIndex(index);
    }

    static Target label(String label) {
        return new ClassLabel(label);
    }
}
