package dev.loupe.backend.tensorflow;

/** A graph tensor reference: {@code node:index}, written {@code node} for index 0. */
record TensorName(String node, int index) {

    static TensorName parse(String text) {
        String s = text.startsWith("^") ? text.substring(1) : text;
        int colon = s.lastIndexOf(':');
        if (colon > 0) {
            String tail = s.substring(colon + 1);
            if (!tail.isEmpty() && tail.chars().allMatch(Character::isDigit)) {
                return new TensorName(s.substring(0, colon), Integer.parseInt(tail));
            }
        }
        return new TensorName(s, 0);
    }

    @Override
    public String toString() {
        return node + ":" + index;
    }
}
