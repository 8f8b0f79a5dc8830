package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MigrationsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestDb db = new TestDb();

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void appliesEveryScriptOnceAndThenNothing() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        assertEquals(Migrations.SCRIPTS.size(), migrations.migrate());
        assertEquals(0, migrations.migrate());
        assertEquals(Migrations.SCRIPTS.size(), db.count("SELECT COUNT(*) FROM schema_version"));
        try (Connection c = db.dataSource.getConnection()) {
            for (String table : List.of("REPORT", "ITEM", "REPORT_ITEM", "OUTBOX")) {
                try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
                    assertTrue(table, rs.next());
                }
            }
        }
    }

    @Test
    public void secondActivationKeepsDataAndAppliesNothing() throws Exception {
        JdbcReportStore first = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        String reference = first.save(Reports.report(false, null, Reports.item("https://a.example/x")), new Reports.Issuer());
        JdbcReportStore second = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        assertTrue(second.status(reference).isPresent());
        assertEquals(Migrations.SCRIPTS.size(), db.count("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    public void splitsStatementsAndSkipsComments() {
        List<String> statements = Migrations.statements("-- comment\nCREATE TABLE a (\n  x INT\n);\n\nCREATE INDEX b ON a (x);\n");
        assertEquals(List.of("CREATE TABLE a (\nx INT\n)", "CREATE INDEX b ON a (x)"), statements);
    }

    @Test
    public void readsTheVersionFromTheName() {
        assertEquals(12, Migrations.version("V12__more_things.sql"));
    }
}
