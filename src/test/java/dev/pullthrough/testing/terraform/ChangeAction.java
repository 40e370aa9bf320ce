package dev.pullthrough.testing.terraform;

import java.util.Locale;

/** The actions terraform's JSON plan uses in {@code change.actions}. */
public enum ChangeAction {
    NO_OP, CREATE, READ, UPDATE, DELETE, FORGET;

    static ChangeAction fromJson(String action) {
        return valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
