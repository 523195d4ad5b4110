//! CSV import through the real upload: encoding and delimiter detection, column mapping, a dry
//! run naming every bad line, nothing written until confirmed, one transaction.

use reqwest::multipart::{Form, Part};
use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

async fn upload(c: &reqwest::Client, app: &App, kind: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = Form::new()
        .text("kind", kind.to_string())
        .text("encoding", "auto")
        .part("file", Part::bytes(bytes).file_name("export.csv"));
    c.post(format!("{}/entreprises/import", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

async fn company_count(db: &Db) -> i64 {
    tremplin_store::companies::count(db).await.expect("count")
}

async fn companies_are_imported_after_a_dry_run(db: Db) {
    let app = spawn(db).await;
    let adviser = logged_in(&app, ADVISER).await;
    // Windows-1252, semicolons, as French Excel writes it. Line 3: bad checksum; line 5: the
    // same SIREN as line 2; line 6: an unknown commune.
    let csv = "N° SIREN;Raison sociale;Code NAF;Effectif;Commune\r\n\
               552100554;Café des Flandres;56.30Z;12;59350\r\n\
               552100555;Erreur de clé;;;\r\n\
               ;Projet sans SIREN;;3;\r\n\
               552100554;Doublon;;;\r\n\
               ;Ville inconnue;;;99999\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(csv);
    let before = company_count(&app.db).await;
    let r = upload(&adviser, &app, "companies", bytes.into_owned()).await;
    assert_eq!(r.status(), 303);
    let page_url = location(&r);
    let (s, page) = get(&adviser, &app, &page_url).await;
    assert_eq!(s, 200);
    assert!(page.contains("windows-1252"));
    // The guessed mapping, then the dry run with it.
    let (s, run) = get(
        &adviser,
        &app,
        &format!(
            "{page_url}?apercu=1&col_siren=0&col_name=1&col_naf=2&col_headcount=3&col_commune=4"
        ),
    )
    .await;
    assert_eq!(s, 422, "bad lines");
    assert!(
        run.contains("Café des Flandres"),
        "decoded from Windows-1252"
    );
    let errors = crate::html::table(&run, "#import-errors");
    for (line, text) in [
        ("3", "clé de contrôle"),
        ("5", "ligne 2"),
        ("6", "Code commune"),
    ] {
        assert!(
            errors
                .iter()
                .any(|r| r[0] == line && r.iter().any(|c| c.contains(text))),
            "line {line}, {text}: {errors:?}"
        );
    }
    assert!(
        run.contains("5 ligne(s) lue(s) : 2 valide(s), 3 en erreur."),
        "{run}"
    );
    assert_eq!(
        company_count(&app.db).await,
        before,
        "a dry run writes nothing"
    );
    // Confirming without choosing to skip the bad lines writes nothing either.
    let mapping = [
        ("col_siren", "0"),
        ("col_name", "1"),
        ("col_naf", "2"),
        ("col_headcount", "3"),
        ("col_commune", "4"),
    ];
    let confirm = format!("{}{page_url}/confirmer", app.base);
    let r = adviser
        .post(&confirm)
        .form(&mapping)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert_eq!(company_count(&app.db).await, before);
    let mut skip = mapping.to_vec();
    skip.push(("ignorer", "oui"));
    let r = adviser
        .post(&confirm)
        .form(&skip)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (_, done) = get(&adviser, &app, &page_url).await;
    assert!(done.contains("2 créée(s), 0 déjà présente(s)"), "{done}");
    assert_eq!(company_count(&app.db).await, before + 2);
    let cafe = tremplin_store::companies::by_siren(&app.db, "552100554")
        .await
        .expect("q")
        .expect("imported");
    assert_eq!(cafe.headcount_band.as_deref(), Some("10-49"));
    // The search list exports too (CSV for Excel: BOM and semicolons).
    let excel = adviser
        .get(format!("{}/entreprises?q=flandres&format=excel", app.base))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    let text = String::from_utf8(excel.to_vec()).expect("utf-8");
    assert!(
        text.starts_with('\u{feff}') && text.contains("Café des Flandres;552100554"),
        "{text}"
    );
    assert_eq!(cafe.departement.as_deref(), Some("59"));
    // A second confirmation imports nothing more; another person cannot see the import.
    adviser
        .post(&confirm)
        .form(&skip)
        .send()
        .await
        .expect("post");
    assert_eq!(company_count(&app.db).await, before + 2);
    let other = logged_in(&app, "marc.vasseur@cma-hdf.example").await;
    assert_eq!(get(&other, &app, &page_url).await.0, 404);

    // Accompaniments, matched to files by SIREN; an unknown SIREN is a bad line.
    let acc = "siren,intitulé,statut,fin,montant\n552100554,Diagnostic export,réalisé,15/03/2019,\"1 500,00\"\n732829320,Prospection,en cours,,\n";
    let r = upload(&adviser, &app, "accompaniments", acc.as_bytes().to_vec()).await;
    let url = location(&r);
    let (s, run) = get(
        &adviser,
        &app,
        &format!("{url}?apercu=1&col_siren=0&col_title=1&col_status=2&col_end=3&col_budget=4"),
    )
    .await;
    assert_eq!(s, 422);
    assert!(run.contains("Fiche entreprise introuvable"), "{run}");
    let r = adviser
        .post(format!("{}{url}/confirmer", app.base))
        .form(&[
            ("col_siren", "0"),
            ("col_title", "1"),
            ("col_status", "2"),
            ("col_end", "3"),
            ("col_budget", "4"),
            ("ignorer", "oui"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let accs = tremplin_store::accompaniments::of_company(&app.db, cafe.id)
        .await
        .expect("list");
    assert_eq!(accs.len(), 1);
    assert_eq!(accs[0].status, "completed");
    assert_eq!(accs[0].budget_cents, Some(150_000));
    // Another partner importing the same SIREN gets no access by it: the holder is asked.
    let cma = logged_in(&app, "marc.vasseur@cma-hdf.example").await;
    let r = upload(
        &cma,
        &app,
        "companies",
        b"siren;nom\n552100554;Cafe\n".to_vec(),
    )
    .await;
    let url = location(&r);
    let r = cma
        .post(format!("{}{url}/confirmer", app.base))
        .form(&[("col_siren", "0"), ("col_name", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (_, done) = get(&cma, &app, &url).await;
    assert!(done.contains("0 créée(s), 1 déjà présente(s)"), "{done}");
    assert_eq!(
        get(&cma, &app, &format!("/entreprises/{}", cafe.id))
            .await
            .0,
        403
    );
    let (_, mine) = get(&adviser, &app, "/entreprises").await;
    let asked = crate::html::table(&mine, "#acces + table");
    assert_eq!(
        (
            asked[1][0].as_str(),
            asked[1][1].as_str(),
            asked[1][2].as_str()
        ),
        (
            "Café des Flandres",
            "CMA Hauts-de-France",
            "import d'un fichier"
        ),
        "{asked:?}"
    );
    // Nor can it add accompaniments to a file it may not open.
    let r = upload(
        &cma,
        &app,
        "accompaniments",
        b"siren,intitule\n552100554,Visite\n".to_vec(),
    )
    .await;
    let url = location(&r);
    let (s, run) = get(
        &cma,
        &app,
        &format!("{url}?apercu=1&col_siren=0&col_title=1"),
    )
    .await;
    assert_eq!(s, 422);
    let errors = crate::html::table(&run, "#import-errors");
    assert!(
        errors
            .iter()
            .any(|r| r[0] == "2" && r.iter().any(|c| c.contains("ne peut pas ouvrir"))),
        "{errors:?}"
    );
    // Bad uploads: no kind, empty file.
    let r = upload(&adviser, &app, "cats", b"a,b\n".to_vec()).await;
    assert_eq!(r.status(), 422);
    let r = upload(&adviser, &app, "companies", Vec::new()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("b").contains("Le fichier est vide"));
    // A NUL byte (PostgreSQL cannot store it) refuses the file, with a reason.
    let r = upload(
        &adviser,
        &app,
        "companies",
        b"siren;nom\n552100554;Caf\0e\n".to_vec(),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("b").contains("caractères nuls"));
    assert_eq!(company_count(&app.db).await, before + 2);
}
both!(companies_are_imported_after_a_dry_run);
