package dev.pullthrough.cdktf;

/** Construct ids made from rule keys: cdktf separates path parts with '/', so a key must not contain one. */
final class ConstructIds {
    private ConstructIds() {
    }

    static String of(String ruleKey) {
        return ruleKey.replace('/', '-');
    }
}
