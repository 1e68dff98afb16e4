package dev.loupe.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloatArrayTest {

    private static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void shapeMustMatchTheNumberOfValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatArray(new float[5], new long[] {2, 3}));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("6"), e.getMessage());
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FloatArray(new float[7], new long[] {2, 3}));
    }

    @Test
    void negativeDimensionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatArray(new float[0], new long[] {-1, 0}));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatArray.zeros(2, -3));
        // -2 * -3 = 6 must not pass for 6 values
        assertThrows(IllegalArgumentException.class, () -> new FloatArray(new float[6], new long[] {-2, -3}));
    }

    @Test
    void elementCountThatOverflowsIsRejectedNotWrapped() {
        // 2^32 * 2^32 wraps to 0 in a long: an empty array must not pass as that shape
        assertThrows(IllegalArgumentException.class,
                () -> new FloatArray(new float[0], new long[] {1L << 32, 1L << 32}));
        assertThrows(IllegalArgumentException.class, () -> FloatArray.elementCount(new long[] {1L << 40, 1L << 40}));
    }

    @Test
    void scalarsAndEmptyArrays() {
        FloatArray scalar = new FloatArray(new float[] {4f}, new long[0]);
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        FloatArray empty = FloatArray.zeros(3, 0, 2);
        assertEquals(0, empty.size());
        assertEquals(3, empty.rank());
        assertEquals(1, FloatArray.elementCount(new long[0]));
        assertEquals(0, FloatArray.elementCount(new long[] {5, 0}));
    }

    @Test
    void zerosHasTheShapeAndOnlyZeros() {
        FloatArray z = FloatArray.zeros(2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, z.shape());
        assertEquals(24, z.size());
        for (float v : z.data()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void dimAcceptsNegativeAxes() {
        FloatArray a = FloatArray.zeros(2, 3, 4);
        assertEquals(2, a.dim(0));
        assertEquals(4, a.dim(2));
        assertEquals(4, a.dim(-1));
        assertEquals(2, a.dim(-3));
        assertEquals(3, a.rank());
        assertThrows(IndexOutOfBoundsException.class, () -> a.dim(3));
    }

    @Test
    void shapeIsCopiedOnTheWayInAndOut() {
        long[] shape = {2, 3};
        FloatArray a = new FloatArray(range(6), shape);
        shape[0] = 3;
        assertArrayEquals(new long[] {2, 3}, a.shape());
        a.shape()[1] = 99;
        assertArrayEquals(new long[] {2, 3}, a.shape());
    }

    @Test
    void sliceTakesTheIndexedBlockAlongTheFirstAxis() {
        FloatArray a = new FloatArray(range(24), new long[] {2, 3, 4});
        FloatArray second = a.slice(1);
        assertArrayEquals(new long[] {3, 4}, second.shape());
        assertArrayEquals(java.util.Arrays.copyOfRange(range(24), 12, 24), second.data());
        FloatArray row = second.slice(2);
        assertArrayEquals(new long[] {4}, row.shape());
        assertArrayEquals(new float[] {20, 21, 22, 23}, row.data());
        FloatArray element = row.slice(3);
        assertEquals(0, element.rank());
        assertArrayEquals(new float[] {23}, element.data());
    }

    @Test
    void sliceIsACopy() {
        FloatArray a = new FloatArray(range(6), new long[] {2, 3});
        FloatArray first = a.slice(0);
        first.data()[0] = 100;
        assertEquals(0f, a.data()[0]);
    }

    @Test
    void sliceOutOfRangeFails() {
        FloatArray a = FloatArray.zeros(2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> a.slice(2));
        assertThrows(IndexOutOfBoundsException.class, () -> a.slice(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new FloatArray(new float[] {1}, new long[0]).slice(0));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatArray.zeros(0, 3).slice(0));
    }

    @Test
    void sliceOfAnAxisWithEmptyInnerDimensions() {
        FloatArray a = FloatArray.zeros(3, 0);
        FloatArray s = a.slice(2);
        assertArrayEquals(new long[] {0}, s.shape());
        assertEquals(0, s.size());
    }

    @Test
    void stackAddsANewFirstAxis() {
        FloatArray a = new FloatArray(new float[] {1, 2, 3, 4}, new long[] {2, 2});
        FloatArray b = new FloatArray(new float[] {5, 6, 7, 8}, new long[] {2, 2});
        FloatArray s = FloatArray.stack(List.of(a, b, a));
        assertArrayEquals(new long[] {3, 2, 2}, s.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4}, s.data());
    }

    @Test
    void stackThenSliceGivesThePartsBack() {
        FloatArray a = new FloatArray(range(6), new long[] {3, 2});
        FloatArray b = FloatArray.zeros(3, 2);
        FloatArray s = FloatArray.stack(List.of(a, b));
        assertEquals(a, s.slice(0));
        assertEquals(b, s.slice(1));
    }

    @Test
    void stackOfOneAndOfScalars() {
        FloatArray a = new FloatArray(range(3), new long[] {3});
        assertArrayEquals(new long[] {1, 3}, FloatArray.stack(List.of(a)).shape());
        FloatArray s = FloatArray.stack(List.of(new FloatArray(new float[] {7}, new long[0]),
                new FloatArray(new float[] {8}, new long[0])));
        assertArrayEquals(new long[] {2}, s.shape());
        assertArrayEquals(new float[] {7, 8}, s.data());
    }

    @Test
    void stackRejectsMismatchedShapesEvenWithEqualSizes() {
        FloatArray a = FloatArray.zeros(2, 3);
        FloatArray b = FloatArray.zeros(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatArray.stack(List.of(a, b)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatArray.stack(List.of(a, FloatArray.zeros(2, 4))));
    }

    @Test
    void stackOfNothingFails() {
        assertThrows(IllegalArgumentException.class, () -> FloatArray.stack(List.of()));
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        FloatArray a = new FloatArray(range(6), new long[] {2, 3});
        FloatArray r = a.reshape(3, 2);
        assertArrayEquals(new long[] {3, 2}, r.shape());
        assertArrayEquals(range(6), r.data());
        assertArrayEquals(new float[] {2, 3}, r.slice(1).data());
        assertArrayEquals(new long[] {6}, a.reshape(6).shape());
        assertArrayEquals(new long[] {1, 2, 1, 3}, a.reshape(1, 2, 1, 3).shape());
        assertArrayEquals(new long[] {2, 3}, a.shape(), "the original keeps its shape");
    }

    @Test
    void reshapeToAnotherSizeFails() {
        FloatArray a = FloatArray.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertThrows(IllegalArgumentException.class, () -> a.reshape(-1, 6));
        assertThrows(IllegalArgumentException.class, () -> a.reshape(5));
    }

    @Test
    void equalsComparesValuesAndShape() {
        FloatArray a = new FloatArray(range(6), new long[] {2, 3});
        FloatArray same = new FloatArray(range(6), new long[] {2, 3});
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, a.reshape(3, 2), "same values, other shape");
        assertNotEquals(a, a.reshape(6));
        float[] other = range(6);
        other[5] = 5.0001f;
        assertNotEquals(a, new FloatArray(other, new long[] {2, 3}));
        assertNotEquals(a, null);
        assertNotEquals(a, "FloatArray[2, 3]");
    }

    @Test
    void equalsTreatsNaNAsEqualToItself() {
        FloatArray a = new FloatArray(new float[] {Float.NaN}, new long[] {1});
        assertEquals(a, new FloatArray(new float[] {Float.NaN}, new long[] {1}));
    }

    @Test
    void toStringShowsTheShape() {
        assertEquals("FloatArray[2, 3]", FloatArray.zeros(2, 3).toString());
    }
}
