//! `mytho-gateway migrate-to <postgres url>`: a city's SQLite file copied into an empty PostgreSQL
//! database (its schema made by `db::postgres_migrations`), every table in one transaction that is
//! committed only when each table's rows count the same on both sides.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::path::Path;
use tokio_postgres::types::ToSql;

/// Copies every row; returns each table's rows. Never names the address (it may hold a password).
pub async fn to_postgres(source: &Path, url: &str) -> Result<Vec<(String, i64)>, String> {
    let src = crate::db::open_existing(source)?;
    let version = crate::db::schema_version(&src).map_err(|e| e.to_string())?;
    if version != crate::db::latest_version() {
        return Err(format!(
            "{} is at schema version {version}, this gateway's is {}: start this gateway on it once (it migrates), then copy",
            source.display(),
            crate::db::latest_version()
        ));
    }
    let (mut pg, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("cannot reach the PostgreSQL server: {e}"))?;
    tokio::spawn(connection);
    let tx = pg.transaction().await.map_err(|e| e.to_string())?;
    let existing: i64 = tx
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", &[])
        .await
        .map_err(|e| e.to_string())?
        .get(0);
    if existing > 0 {
        return Err("the PostgreSQL database is not empty: copy into a new one (createdb), never over a city's data".into());
    }
    for sql in crate::db::postgres_migrations() {
        tx.batch_execute(&sql).await.map_err(|e| format!("cannot make the schema: {e}"))?;
    }
    // The schema's own row is replaced by the city's.
    tx.execute("DELETE FROM gateway_meta", &[]).await.map_err(|e| e.to_string())?;
    let counts = crate::db::table_counts(&src).map_err(|e| e.to_string())?;
    for table in in_key_order(&src).map_err(|e| e.to_string())? {
        copy_table(&src, &tx, &table).await.map_err(|e| format!("cannot copy {table}: {e}"))?;
    }
    for (table, rows) in &counts {
        let copied: i64 = tx.query_one(&format!("SELECT count(*) FROM {table}"), &[]).await.map_err(|e| e.to_string())?.get(0);
        if copied != *rows {
            return Err(format!("{table}: {rows} rows in SQLite but {copied} copied; nothing was committed"));
        }
        // Identity keys continue after the copied rows.
        if has_identity(&tx, table).await? {
            tx.execute(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"), &[])
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    tx.execute("INSERT INTO gateway_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", &[&version.to_string()])
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(counts)
}

async fn has_identity(tx: &tokio_postgres::Transaction<'_>, table: &str) -> Result<bool, String> {
    let row = tx
        .query_one(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES'",
            &[&table],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.get::<_, i64>(0) > 0)
}

/// Tables ordered so that each comes after those its foreign keys point to.
fn in_key_order(src: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut left: Vec<(String, Vec<String>)> = Vec::new();
    for (table, _) in crate::db::table_counts(src)? {
        let targets = src
            .prepare(&format!("PRAGMA foreign_key_list({table})"))?
            .query_map([], |r| r.get::<_, String>(2))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        left.push((table, targets));
    }
    let mut order: Vec<String> = Vec::new();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|(table, targets)| {
            let ready = targets.iter().all(|t| t == table || order.contains(t));
            if ready {
                order.push(table.clone());
            }
            !ready
        });
        if left.len() == before {
            return Err(rusqlite::Error::InvalidQuery);
        }
    }
    Ok(order)
}

async fn copy_table(src: &Connection, tx: &tokio_postgres::Transaction<'_>, table: &str) -> Result<(), String> {
    let columns: Vec<String> = src
        .prepare(&format!("PRAGMA table_info({table})"))
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(1))?.collect())
        .map_err(|e| e.to_string())?;
    let list = columns.join(", ");
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let insert = tx
        .prepare(&format!("INSERT INTO {table} ({list}) OVERRIDING SYSTEM VALUE VALUES ({})", marks.join(", ")))
        .await
        .map_err(|e| e.to_string())?;
    let types: Vec<tokio_postgres::types::Type> = insert.params().to_vec();
    let rows: Vec<Vec<Box<dyn ToSql + Sync + Send>>> = {
        let mut stmt = src.prepare(&format!("SELECT {list} FROM {table}")).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
        while let Some(row) = rows.next().map_err(|e| e.to_string())? {
            let mut values: Vec<Box<dyn ToSql + Sync + Send>> = Vec::with_capacity(columns.len());
            for (i, ty) in types.iter().enumerate() {
                values.push(value(row.get_ref(i).map_err(|e| e.to_string())?, ty));
            }
            out.push(values);
        }
        out
    };
    for values in &rows {
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect();
        tx.execute(&insert, &params).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One SQLite value as the PostgreSQL column's type wants it (SQLite lets a column hold any type).
fn value(v: ValueRef<'_>, ty: &tokio_postgres::types::Type) -> Box<dyn ToSql + Sync + Send> {
    use tokio_postgres::types::Type;
    let text = |v: ValueRef<'_>| match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    };
    match *ty {
        Type::INT8 => Box::new(match v {
            ValueRef::Integer(i) => Some(i),
            other => text(other).and_then(|t| t.parse::<i64>().ok()),
        }),
        Type::FLOAT8 => Box::new(match v {
            ValueRef::Real(f) => Some(f),
            ValueRef::Integer(i) => Some(i as f64),
            other => text(other).and_then(|t| t.parse::<f64>().ok()),
        }),
        Type::BYTEA => Box::new(match v {
            ValueRef::Null => None,
            ValueRef::Blob(b) | ValueRef::Text(b) => Some(b.to_vec()),
            other => text(other).map(String::into_bytes),
        }),
        _ => Box::new(text(v)),
    }
}
