package dev.loupe.testkit;

import dev.loupe.core.param.ParameterDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values a declared parameter must refuse: the wrong type, a word that is not a choice, out of range. */
final class IllTypedValues {

    private IllTypedValues() {
    }

    static List<Object> of(ParameterDef def) {
        List<Object> wrong = new ArrayList<>();
        switch (def.type()) {
            case INTEGER -> {
                wrong.add("not-a-number");
                wrong.add(2.5);
                wrong.add(true);
            }
            case NUMBER -> {
                wrong.add("not-a-number");
                wrong.add(true);
                wrong.add(Double.NaN);
            }
            case BOOLEAN -> {
                wrong.add("maybe");
                wrong.add(3L);
            }
            case CHOICE -> wrong.add("no-such-choice-" + def.name());
            case STRING, LAYER -> wrong.add(Map.of("not", "a scalar"));
        }
        if (def.min() != null && Double.isFinite(def.min())) {
            wrong.add(def.type() == dev.loupe.core.param.ParameterType.INTEGER ? (Object) (long) (Math.floor(def.min()) - 1)
                    : (Object) (def.min() - Math.max(1, Math.abs(def.min()))));
        }
        if (def.max() != null && Double.isFinite(def.max())) {
            wrong.add(def.type() == dev.loupe.core.param.ParameterType.INTEGER ? (Object) (long) (Math.ceil(def.max()) + 1)
                    : (Object) (def.max() + Math.max(1, Math.abs(def.max()))));
        }
        return wrong;
    }
}
