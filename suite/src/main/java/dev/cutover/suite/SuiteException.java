package dev.cutover.suite;

import java.util.List;

/** A suite file that cannot be used: every problem found, not just the first. */
public class SuiteException extends RuntimeException {

    private final List<String> problems;

    public SuiteException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
