package io.freshet;

import java.util.Arrays;
import java.util.Objects;

/**
 * Growable arrays of ints and of floats, for the loops that collect an unknown number of values and hand them
 * on as a plain array: no boxing, the capacity doubles, {@code toArray} is trimmed to the size.
 */
public final class PrimitiveList {
    private static final int INITIAL = 16;

    private PrimitiveList() {
    }

    /** The capacity to grow to from a full array of {@code size}: twice it (at least 16); ArithmeticException past int. */
    private static int grown(int size) {
        return Math.max(INITIAL, Math.multiplyExact(size, 2));
    }

    /** A growable int array. */
    public static final class Ints {
        private int[] values;
        private int size;

        public Ints() {
            this(INITIAL);
        }

        public Ints(int capacity) {
            values = new int[capacity];
        }

        public void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grown(size));
            }
            values[size++] = value;
        }

        public int get(int index) {
            return values[Objects.checkIndex(index, size)];
        }

        public int size() {
            return size;
        }

        public int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable float array. */
    public static final class Floats {
        private float[] values;
        private int size;

        public Floats() {
            this(INITIAL);
        }

        public Floats(int capacity) {
            values = new float[capacity];
        }

        public void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grown(size));
            }
            values[size++] = value;
        }

        public float get(int index) {
            if (index >= size) {
                throw new IndexOutOfBoundsException(index + " of " + size);
            }
            return values[index];
        }

        public void set(int index, float value) {
            if (index >= size) {
                throw new IndexOutOfBoundsException(index + " of " + size);
            }
            values[index] = value;
        }

        public int size() {
            return size;
        }

        public float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
