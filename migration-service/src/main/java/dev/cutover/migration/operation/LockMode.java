package dev.cutover.migration.operation;

/** Table lock modes an operation may hold while it works, weakest first, as LOCK TABLE and pg_locks name them. */
public enum LockMode {
    /** Blocks writers and DDL but not readers: enough for CREATE TRIGGER and ADD FOREIGN KEY. */
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),
    /** Blocks everyone: renames, DROP TRIGGER, the swap. */
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

    private final String sql;
    private final String pgLocksName;

    LockMode(String sql, String pgLocksName) {
        this.sql = sql;
        this.pgLocksName = pgLocksName;
    }

    public String sql() {
        return sql;
    }

    public String pgLocksName() {
        return pgLocksName;
    }
}
