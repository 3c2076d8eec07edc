package io.freshet.data;

/**
 * One field of one input record is malformed. Thrown by the parsers on the executors and turned into a
 * {@link Rejection} right away; it never leaves this package. It carries no stack trace, so rejecting a
 * line costs no more than accepting one.
 */
final class FieldRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    FieldRejection(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    /** One of user, item, rating, timestamp, or line (a wrong field count). */
    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
