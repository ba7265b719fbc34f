package dev.cutover.migration.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String sql = """
                -- a comment; with a semicolon
                CREATE TABLE t (a text DEFAULT ';');
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
                BEGIN RETURN 1; END;
                $body$;
                /* block; comment */ SELECT "odd;name" FROM t;
                SELECT $$a;b$$;
                """;
        List<String> statements = SqlScript.statements(sql);
        assertEquals(4, statements.size(), statements.toString());
        assertEquals("-- a comment; with a semicolon\nCREATE TABLE t (a text DEFAULT ';')", statements.get(0));
        assertEquals("SELECT $$a;b$$", statements.get(3));
    }

    @Test
    void commentsAndBlanksAloneAreNoStatement() {
        assertEquals(List.of(), SqlScript.statements("-- nothing here;\n  ;\n/* nor; here */"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertEquals(List.of("PREPARE p AS SELECT $1", "EXECUTE p(1)"),
                SqlScript.statements("PREPARE p AS SELECT $1; EXECUTE p(1);"));
    }
}
