package dev.pullthrough.parity;

import java.util.List;

/**
 * What one face decided for one case: accepted, refused with these messages (sorted: faces report the same problems
 * in different orders), or not expressible on that face (and why).
 */
record Decision(Kind kind, List<String> messages, String detail) {
    enum Kind { ACCEPTED, REFUSED, NOT_EXPRESSIBLE }

    Decision {
        messages = messages.stream().map(String::strip).filter(m -> !m.isEmpty()).sorted().toList();
    }

    static Decision accepted(String detail) {
        return new Decision(Kind.ACCEPTED, List.of(), detail);
    }

    static Decision refused(List<String> messages, String detail) {
        return new Decision(Kind.REFUSED, messages, detail);
    }

    static Decision notExpressible(String why) {
        return new Decision(Kind.NOT_EXPRESSIBLE, List.of(), why);
    }

    boolean expressible() {
        return kind != Kind.NOT_EXPRESSIBLE;
    }

    /** What must agree between faces: the outcome and the message texts. */
    String verdict() {
        return kind == Kind.ACCEPTED ? "accepted" : kind == Kind.REFUSED ? "refused: " + messages : "n/a";
    }

    /** One table cell. */
    String cell() {
        return switch (kind) {
            case ACCEPTED -> "accepted (" + detail + ")";
            case REFUSED -> "refused, " + messages.size() + " message(s) (" + detail + ")";
            case NOT_EXPRESSIBLE -> "n/a: " + detail;
        };
    }
}
