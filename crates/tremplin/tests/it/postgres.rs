//! The PostgreSQL leg: serve the demo team from a fresh database, log in.

use reqwest::StatusCode;

use crate::helpers::{PgTempDb, Server, client, login, pg_url, serve_cmd};

#[tokio::test]
async fn postgres_leg() {
    let Some(pg) = pg_url() else {
        println!("skipped: TREMPLIN_TEST_PG_URL not set");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // Declared first so that it is dropped last, after the server has been killed.
    let db = PgTempDb::create(&pg);
    for start in 0..2 {
        let mut cmd = serve_cmd(tmp.path(), &data);
        cmd.arg("--database-url").arg(&db.url).arg("--demo");
        let mut server = Server::start(cmd);
        let line = server.wait_for_line("camille.lefebvre@cci-hdf.example");
        assert!(
            server.stdout().contains("PostgreSQL"),
            "{}",
            server.stdout()
        );
        if start == 1 {
            assert!(server.stdout().contains("déjà présente"), "{line}");
        }
        let res = client().get(server.get("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let (_, page) = login(&server, "camille.lefebvre@cci-hdf.example", "tremplin-demo").await;
        assert!(page.contains("Bonjour, Camille Lefebvre"), "{page}");
        server.stop();
    }
    // No SQLite file: the data directory holds no database.
    assert!(!data.join("tremplin.db").exists());
}
