package io.freshet.data;

import java.io.IOException;
import java.io.OutputStream;

/** Writes numbers and ASCII text into a large buffer without creating strings: the generator's hot path. */
final class AsciiLineWriter {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int size;

    AsciiLineWriter(OutputStream out) {
        this.out = out;
    }

    AsciiLineWriter write(byte[] ascii) throws IOException {
        room(ascii.length);
        System.arraycopy(ascii, 0, buffer, size, ascii.length);
        size += ascii.length;
        return this;
    }

    AsciiLineWriter write(char c) throws IOException {
        room(1);
        buffer[size++] = (byte) c;
        return this;
    }

    /** A non-negative number in decimal. */
    AsciiLineWriter write(long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("only non-negative numbers are written, got " + value);
        }
        int count = 0;
        do {
            digits[count++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        room(count);
        while (count > 0) {
            buffer[size++] = digits[--count];
        }
        return this;
    }

    void flush() throws IOException {
        out.write(buffer, 0, size);
        size = 0;
        out.flush();
    }

    private void room(int bytes) throws IOException {
        if (size + bytes > buffer.length) {
            out.write(buffer, 0, size);
            size = 0;
        }
    }
}
