//! The one interface the features store through, over SQLite (the default) or PostgreSQL (#18).
//!
//! Features write SQL once, in the dialect both servers accept, with SQLite's `?N` marks and
//! `strftime('%Y-%m-%dT%H:%M:%SZ', 'now'[, modifier])` for times; for PostgreSQL the text is turned
//! into `$N` marks and `to_char(…)` here. Values cross as [`Value`], typed by what the server expects,
//! so a feature never sees which server answers. Work runs on a blocking thread (see `Db::call`):
//! SQLite directly, PostgreSQL through the runtime's handle.

use std::fmt;

/// A value as both servers store it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

#[derive(Debug)]
pub enum Error {
    /// `query_row` found nothing (see [`OptionalExtension`]).
    NoRows,
    /// A unique key refused the write: another request (or another gateway) got there first.
    Unique,
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn other(e: impl fmt::Display) -> Error {
        Error::Other(e.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoRows => f.write_str("no row"),
            Error::Unique => f.write_str("a unique key refused the row"),
            Error::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            rusqlite::Error::SqliteFailure(f, _)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                Error::Unique
            }
            e => Error::Other(e.to_string()),
        }
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Error {
        if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
            return Error::Unique;
        }
        // The server's own words (not the driver's "db error"), without the statement's values.
        match e.as_db_error() {
            Some(db) => Error::Other(format!("PostgreSQL: {}", db.message())),
            None => Error::Other(format!("PostgreSQL: {e}")),
        }
    }
}

/// `.optional()` on a `query_row`: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// What can be bound to a `?N` mark.
pub trait ToSql {
    fn to_value(&self) -> Value;
}

macro_rules! to_sql_int {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as i64)
            }
        }
    )*};
}
to_sql_int!(i64, i32, u32, u16, u8, usize, u64);

impl ToSql for bool {
    fn to_value(&self) -> Value {
        Value::Int(*self as i64)
    }
}
impl ToSql for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToSql for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}
impl ToSql for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToSql for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl ToSql for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl ToSql for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl<T: ToSql> ToSql for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToSql::to_value)
    }
}

/// A statement's values: `params![a, b]`, `[a]`, `[&a]`, `[]` or a `Vec<Value>`.
pub trait Params {
    fn values(self) -> Vec<Value>;
}

impl Params for &[&dyn ToSql] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|v| v.to_value()).collect()
    }
}
impl Params for [&dyn ToSql; 0] {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}
impl Params for Vec<Value> {
    fn values(self) -> Vec<Value> {
        self
    }
}
macro_rules! params_array {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(self) -> Vec<Value> {
                self.iter().map(|v| v.to_value()).collect()
            }
        }
    )*};
}
params_array!(1, 2, 3, 4, 5, 6, 7, 8);

/// `params![a, b, …]`: values of different types for one statement.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::ToSql),*] as &[&dyn $crate::store::ToSql]
    };
}
pub(crate) use params;

/// What a column can be read as.
pub trait FromSql: Sized {
    fn from_value(v: &Value) -> std::result::Result<Self, String>;
}

fn mismatch(want: &str, v: &Value) -> String {
    let found = match v {
        Value::Null => "NULL",
        Value::Int(_) => "an integer",
        Value::Real(_) => "a real",
        Value::Text(_) => "text",
        Value::Blob(_) => "a blob",
    };
    format!("expected {want}, found {found}")
}

macro_rules! from_sql_int {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_value(v: &Value) -> std::result::Result<Self, String> {
                match v {
                    Value::Int(i) => <$t>::try_from(*i).map_err(|_| format!("{i} does not fit {}", stringify!($t))),
                    other => Err(mismatch(stringify!($t), other)),
                }
            }
        }
    )*};
}
from_sql_int!(i64, i32, u32, u16, u8, usize, u64);

impl FromSql for bool {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Int(i) => Ok(*i != 0),
            other => Err(mismatch("a boolean", other)),
        }
    }
}
impl FromSql for f64 {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            other => Err(mismatch("a number", other)),
        }
    }
}
impl FromSql for String {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            other => Err(mismatch("text", other)),
        }
    }
}
impl FromSql for Vec<u8> {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b.clone()),
            other => Err(mismatch("a blob", other)),
        }
    }
}
impl FromSql for Value {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        Ok(v.clone())
    }
}
impl<T: FromSql> FromSql for Option<T> {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// One row of a result.
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    pub fn get<T: FromSql>(&self, i: usize) -> Result<T> {
        let v = self.values.get(i).ok_or_else(|| Error::Other(format!("no column {i}")))?;
        T::from_value(v).map_err(|e| Error::Other(format!("column {i}: {e}")))
    }
}

/// A connection to whichever server the gateway uses, for one piece of work.
pub struct Connection<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres { client: &'a deadpool_postgres::ClientWrapper, runtime: tokio::runtime::Handle },
}

impl<'a> Connection<'a> {
    pub fn sqlite(conn: &'a rusqlite::Connection) -> Connection<'a> {
        Connection { inner: Inner::Sqlite(conn) }
    }

    /// On a blocking thread of `runtime` (never on one of its workers: it waits for the server).
    pub fn postgres(client: &'a deadpool_postgres::ClientWrapper, runtime: tokio::runtime::Handle) -> Connection<'a> {
        Connection { inner: Inner::Postgres { client, runtime } }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.inner, Inner::Postgres { .. })
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        let values = params.values();
        match &self.inner {
            Inner::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(values.iter().map(lite_value)))?)
            }
            Inner::Postgres { client, runtime } => runtime.block_on(async {
                let stmt = client.prepare_cached(&postgres_sql(sql)).await?;
                let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
                Ok(client.execute(&stmt, &refs).await? as usize)
            }),
        }
    }

    /// Every row of a query.
    pub fn query(&self, sql: &str, params: impl Params) -> Result<Vec<Row>> {
        let values = params.values();
        match &self.inner {
            Inner::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let width = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter().map(lite_value)))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let values = (0..width).map(|i| row.get_ref(i).map(from_lite)).collect::<rusqlite::Result<_>>()?;
                    out.push(Row { values });
                }
                Ok(out)
            }
            Inner::Postgres { client, runtime } => runtime.block_on(async {
                let stmt = client.prepare_cached(&postgres_sql(sql)).await?;
                let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
                client.query(&stmt, &refs).await?.iter().map(from_postgres).collect()
            }),
        }
    }

    /// The first row of a query, read by `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<T>(&self, sql: &str, params: impl Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<T> {
        let rows = self.query(sql, params)?;
        f(rows.first().ok_or(Error::NoRows)?)
    }

    /// A statement to run with several sets of values, or to map row by row.
    pub fn prepare<'c>(&'c self, sql: &str) -> Result<Statement<'c, 'a>> {
        Ok(Statement { conn: self, sql: sql.to_string() })
    }

    /// Begins a transaction, rolled back unless committed.
    pub fn transaction<'c>(&'c self) -> Result<Transaction<'c, 'a>> {
        self.batch(match self.inner {
            Inner::Sqlite(_) => "BEGIN IMMEDIATE",
            Inner::Postgres { .. } => "BEGIN",
        })?;
        Ok(Transaction { conn: self, done: false })
    }

    /// Holds `name` until the transaction ends, for work that must not run twice at once in any
    /// gateway (PostgreSQL's advisory lock; SQLite's write transaction already excludes every other).
    pub fn lock(&self, name: &str) -> Result<()> {
        if self.is_postgres() {
            self.query("SELECT pg_advisory_xact_lock(hashtext(?1))", [&name])?;
        }
        Ok(())
    }

    fn batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Inner::Postgres { client, runtime } => Ok(runtime.block_on(client.batch_execute(sql))?),
        }
    }
}

pub struct Statement<'c, 'a> {
    conn: &'c Connection<'a>,
    sql: String,
}

impl Statement<'_, '_> {
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        self.conn.execute(&self.sql, params)
    }

    pub fn query_map<T>(&mut self, params: impl Params, mut f: impl FnMut(&Row) -> Result<T>) -> Result<std::vec::IntoIter<Result<T>>> {
        Ok(self.conn.query(&self.sql, params)?.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }
}

/// A transaction: reads and writes through it as through its connection; dropped uncommitted, it
/// is rolled back.
pub struct Transaction<'c, 'a> {
    conn: &'c Connection<'a>,
    done: bool,
}

impl Transaction<'_, '_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.batch("COMMIT")
    }
}

impl<'a> std::ops::Deref for Transaction<'_, 'a> {
    type Target = Connection<'a>;
    fn deref(&self) -> &Connection<'a> {
        self.conn
    }
}

impl Drop for Transaction<'_, '_> {
    fn drop(&mut self) {
        if !self.done {
            if let Err(e) = self.conn.batch("ROLLBACK") {
                tracing::error!("cannot roll a transaction back: {e}");
            }
        }
    }
}

fn lite_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Int(i) => V::Integer(*i),
        Value::Real(f) => V::Real(*f),
        Value::Text(s) => V::Text(s.clone()),
        Value::Blob(b) => V::Blob(b.clone()),
    }
}

fn from_lite(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef as V;
    match v {
        V::Null => Value::Null,
        V::Integer(i) => Value::Int(i),
        V::Real(f) => Value::Real(f),
        V::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        V::Blob(b) => Value::Blob(b.to_vec()),
    }
}

fn from_postgres(row: &tokio_postgres::Row) -> Result<Row> {
    use tokio_postgres::types::Type;
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let v = match *ty {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(|v| Value::Int(v.into())),
            Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(|v| Value::Int(v.into())),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(|v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map(|v| Value::Real(v.into())),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            Type::VOID => None,
            _ => return Err(Error::Other(format!("column {} is of type {ty}, which the gateway does not read: CAST it in the query", column.name()))),
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row { values })
}

/// A value encoded as the type PostgreSQL worked out for its mark (SQLite takes any value anywhere;
/// PostgreSQL's binary protocol wants the exact type).
impl tokio_postgres::types::ToSql for Value {
    fn to_sql(
        &self,
        ty: &tokio_postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<tokio_postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use tokio_postgres::types::{IsNull, Type};
        let text = |v: &Value| match v {
            Value::Int(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Text(s) => s.clone(),
            Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
            Value::Null => String::new(),
        };
        let int = |v: &Value| -> std::result::Result<i64, Box<dyn std::error::Error + Sync + Send>> {
            match v {
                Value::Int(i) => Ok(*i),
                Value::Real(f) => Ok(*f as i64),
                other => Ok(text(other).parse()?),
            }
        };
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (v, &Type::INT8) => int(v)?.to_sql(ty, out),
            (v, &Type::INT4) => i32::try_from(int(v)?)?.to_sql(ty, out),
            (v, &Type::INT2) => i16::try_from(int(v)?)?.to_sql(ty, out),
            (v, &Type::BOOL) => (int(v)? != 0).to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (v, &Type::FLOAT8) => (int(v)? as f64).to_sql(ty, out),
            (Value::Blob(b), &Type::BYTEA) => b.as_slice().to_sql(ty, out),
            (v, &Type::BYTEA) => text(v).as_bytes().to_sql(ty, out),
            (v, _) => text(v).as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &tokio_postgres::types::Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'";
const PG_FORMAT: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

/// SQLite's text of a statement in PostgreSQL's: `$N` marks (a bare `?` takes the next number) and
/// the time functions, outside quoted strings.
pub fn postgres_sql(sql: &str) -> String {
    let mut timed = String::with_capacity(sql.len() + 64);
    let mut rest = sql;
    while let Some(at) = rest.find(NOW) {
        timed.push_str(&rest[..at]);
        let after = &rest[at + NOW.len()..];
        let end = after.find(')').unwrap_or(after.len());
        let modifier = after[..end].trim_start_matches([',', ' ']).trim();
        if modifier.is_empty() {
            timed.push_str(&format!("to_char(now() AT TIME ZONE 'UTC', {PG_FORMAT})"));
        } else {
            timed.push_str(&format!("to_char(now() AT TIME ZONE 'UTC' + CAST(CAST({modifier} AS TEXT) AS INTERVAL), {PG_FORMAT})"));
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    timed.push_str(rest);
    let mut out = String::with_capacity(timed.len());
    let (mut quoted, mut next) = (false, 0u32);
    let mut chars = timed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                } else {
                    next = next.max(digits.parse().unwrap_or(0));
                }
                out.push('$');
                out.push_str(&digits);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_written_in_postgresql_dialect() {
        assert_eq!(postgres_sql("SELECT a FROM t WHERE b = ?1 AND c = ?2"), "SELECT a FROM t WHERE b = $1 AND c = $2");
        assert_eq!(postgres_sql("INSERT INTO t VALUES (?, ?)"), "INSERT INTO t VALUES ($1, $2)");
        assert_eq!(postgres_sql("SELECT '?1' WHERE x = ?1"), "SELECT '?1' WHERE x = $1");
        assert_eq!(
            postgres_sql("UPDATE t SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1"),
            "UPDATE t SET at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') WHERE id = $1"
        );
        assert_eq!(
            postgres_sql("DELETE FROM t WHERE at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2)"),
            "DELETE FROM t WHERE at <= to_char(now() AT TIME ZONE 'UTC' + CAST(CAST($2 AS TEXT) AS INTERVAL), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        );
        assert!(postgres_sql("x > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 days')").contains("CAST(CAST('-1 days' AS TEXT) AS INTERVAL)"));
    }

    #[test]
    fn sqlite_answers_through_the_interface() {
        let raw = rusqlite::Connection::open_in_memory().unwrap();
        let conn = Connection::sqlite(&raw);
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BLOB, r REAL)", []).unwrap();
        conn.execute("INSERT INTO t VALUES (?1, ?2, ?3, ?4)", params!["a", 7i64, vec![1u8, 2], 1.5]).unwrap();
        assert!(matches!(conn.execute("INSERT INTO t (k) VALUES (?1)", ["a"]), Err(Error::Unique)));
        let (n, b, r): (u32, Vec<u8>, f64) = conn.query_row("SELECT n, b, r FROM t WHERE k = ?1", ["a"], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        assert_eq!((n, b, r), (7, vec![1, 2], 1.5));
        assert!(conn.query_row("SELECT n FROM t WHERE k = 'z'", [], |r| r.get::<i64>(0)).optional().unwrap().is_none());
        {
            let tx = conn.transaction().unwrap();
            tx.execute("DELETE FROM t", []).unwrap();
        }
        assert_eq!(conn.query_row("SELECT count(*) FROM t", [], |r| r.get::<i64>(0)).unwrap(), 1, "dropped uncommitted: rolled back");
    }
}
