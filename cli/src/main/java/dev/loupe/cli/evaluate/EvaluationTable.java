package dev.loupe.cli.evaluate;

import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.stability.Internal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every per-image score of a run, by method and metric, and their summaries. Rows keep the
 * order of the config (methods, then metrics).
 */
@Internal
public final class EvaluationTable {

    /** One image's score under one method and metric. */
    public record Entry(String image, MetricScore score) {
    }

    /** A method x metric cell: its per-image entries, and why it was skipped, if it was. */
    public static final class Cell {
        private final String method;
        private final String metric;
        private final MetricDirection direction;
        private final List<Entry> entries = new ArrayList<>();
        private String skipped;

        Cell(String method, String metric, MetricDirection direction) {
            this.method = method;
            this.metric = metric;
            this.direction = direction;
        }

        public String method() {
            return method;
        }

        public String metric() {
            return metric;
        }

        public MetricDirection direction() {
            return direction;
        }

        public List<Entry> entries() {
            return entries;
        }

        public String skipped() {
            return skipped;
        }

        /** The values of the images the metric applied to. */
        public double[] values() {
            return entries.stream().filter(e -> e.score().applies()).mapToDouble(e -> e.score().value()).toArray();
        }

        public double mean() {
            double[] v = values();
            double sum = 0;
            for (double d : v) {
                sum += d;
            }
            return v.length == 0 ? Double.NaN : sum / v.length;
        }

        /** The images' curves of one name, in image order. */
        public List<Curve> curves(String name) {
            List<Curve> out = new ArrayList<>();
            for (Entry e : entries) {
                e.score().curves().stream().filter(c -> c.name().equals(name)).forEach(out::add);
            }
            return out;
        }

        /** The names of the curves this cell's images have, in first-seen order. */
        public List<String> curveNames() {
            List<String> names = new ArrayList<>();
            for (Entry e : entries) {
                for (Curve c : e.score().curves()) {
                    if (!names.contains(c.name())) {
                        names.add(c.name());
                    }
                }
            }
            return names;
        }
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    public Cell cell(String method, String metric, MetricDirection direction) {
        return cells.computeIfAbsent(method + "\u0000" + metric, k -> new Cell(method, metric, direction));
    }

    public void add(String method, String metric, MetricDirection direction, List<String> images, List<MetricScore> scores) {
        if (images.size() != scores.size()) {
            throw new IllegalStateException("metric '" + metric + "' returned " + scores.size() + " scores for "
                    + images.size() + " images");
        }
        Cell cell = cell(method, metric, direction);
        for (int i = 0; i < images.size(); i++) {
            cell.entries.add(new Entry(images.get(i), scores.get(i)));
        }
    }

    public void skip(String method, String metric, MetricDirection direction, String why) {
        cell(method, metric, direction).skipped = why;
    }

    public List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    /** Per metric, the method with the best mean (by the metric's direction), or none. */
    public Map<String, String> best() {
        Map<String, String> best = new LinkedHashMap<>();
        Map<String, Double> bestValue = new LinkedHashMap<>();
        for (Cell cell : cells.values()) {
            double m = cell.mean();
            if (Double.isNaN(m)) {
                continue;
            }
            Double current = bestValue.get(cell.metric);
            boolean better = current == null || (cell.direction == MetricDirection.HIGHER_IS_BETTER ? m > current : m < current);
            if (better) {
                bestValue.put(cell.metric, m);
                best.put(cell.metric, cell.method);
            }
        }
        return best;
    }
}
