//! `dict`: an insertion-ordered hash table (entries in a `Vec`, a `hashbrown` index over them).
//!
//! Hashes are computed by the VM (user classes may define `__hash__`), so every operation here
//! takes the hash alongside the key. Key equality in here is the native one (`keys_equal`); keys
//! whose equality needs gil code are resolved by the VM before it calls in (see `vm::hashing`).

use hashbrown::HashTable;
use parking_lot::{Mutex, MutexGuard};

use super::Value;

pub struct DictObj {
    table: Mutex<DictTable>,
}

#[derive(Clone)]
struct Entry {
    hash: u64,
    key: Value,
    value: Value,
}

#[derive(Clone, Default)]
pub struct DictTable {
    /// Entries in insertion order; a removed entry leaves `None` until the next compaction.
    entries: Vec<Option<Entry>>,
    index: HashTable<usize>,
    len: usize,
    /// Bumped on every insertion of a new key or removal, to detect mutation during iteration.
    pub version: u64,
}

impl DictTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn find(&self, hash: u64, key: &Value) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(hash, |&i| match &entries[i] {
                Some(e) => e.hash == hash && keys_equal(&e.key, key),
                None => false,
            })
            .copied()
    }

    pub fn get(&self, hash: u64, key: &Value) -> Option<Value> {
        self.find(hash, key)
            .and_then(|i| self.entries[i].as_ref().map(|e| e.value.clone()))
    }

    /// The stored key equal to `key`, if any.
    pub fn get_key(&self, hash: u64, key: &Value) -> Option<Value> {
        self.find(hash, key)
            .and_then(|i| self.entries[i].as_ref().map(|e| e.key.clone()))
    }

    pub fn contains(&self, hash: u64, key: &Value) -> bool {
        self.find(hash, key).is_some()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, hash: u64, key: Value, value: Value) -> Option<Value> {
        if let Some(i) = self.find(hash, &key) {
            let e = self.entries[i].as_mut().expect("live entry");
            return Some(std::mem::replace(&mut e.value, value));
        }
        let i = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash, i, |&j| {
            entries[j].as_ref().map(|e| e.hash).unwrap_or(0)
        });
        self.len += 1;
        self.version += 1;
        None
    }

    pub fn remove(&mut self, hash: u64, key: &Value) -> Option<(Value, Value)> {
        let entries = &self.entries;
        let found = self.index.find_entry(hash, |&i| match &entries[i] {
            Some(e) => e.hash == hash && keys_equal(&e.key, key),
            None => false,
        });
        let i = match found {
            Ok(occupied) => occupied.remove().0,
            Err(_) => return None,
        };
        let e = self.entries[i].take().expect("live entry");
        self.len -= 1;
        self.version += 1;
        self.maybe_compact();
        Some((e.key, e.value))
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(last) = self.entries.last() {
            if last.is_none() {
                self.entries.pop();
                continue;
            }
            let e = self.entries.last().unwrap().as_ref().unwrap();
            let (h, k) = (e.hash, e.key.clone());
            return self.remove(h, &k);
        }
        None
    }

    fn maybe_compact(&mut self) {
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            let live: Vec<Entry> = self.entries.drain(..).flatten().collect();
            self.index.clear();
            self.entries.clear();
            self.len = 0;
            let v = self.version;
            for e in live {
                self.insert(e.hash, e.key, e.value);
            }
            self.version = v;
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version += 1;
    }

    pub fn keys(&self) -> Vec<Value> {
        self.entries.iter().flatten().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Entries with their hashes, for copying into another table without rehashing.
    pub fn hashed_items(&self) -> Vec<(u64, Value, Value)> {
        self.entries
            .iter()
            .flatten()
            .map(|e| (e.hash, e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The entry at position `pos` among the raw slots, for iterators: returns the next live
    /// entry at or after `pos` and the position after it.
    pub fn entry_from(&self, mut pos: usize) -> Option<(usize, Value, Value)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos + 1, e.key.clone(), e.value.clone()));
            }
            pos += 1;
        }
        None
    }

    /// Keys that share `hash` (used by the VM to resolve user-defined `__eq__`).
    pub fn keys_with_hash(&self, hash: u64) -> Vec<Value> {
        let entries = &self.entries;
        self.index
            .iter_hash(hash)
            .filter_map(|&i| entries[i].as_ref())
            .filter(|e| e.hash == hash)
            .map(|e| e.key.clone())
            .collect()
    }
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj {
            table: Mutex::new(DictTable::default()),
        }
    }

    pub fn from_table(t: DictTable) -> DictObj {
        DictObj {
            table: Mutex::new(t),
        }
    }

    /// Locks the table. Never call gil code while holding the guard.
    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, DictTable> {
        self.table.lock()
    }

    pub fn len(&self) -> usize {
        self.table.lock().len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fast path for string keys (attribute and global dicts).
    pub fn get_str(&self, name: &str) -> Option<Value> {
        let h = super::str::hash_str(name);
        let t = self.table.lock();
        let entries = &t.entries;
        t.index
            .find(h, |&i| match &entries[i] {
                Some(e) => e.hash == h && e.key.as_str() == Some(name),
                None => false,
            })
            .and_then(|&i| entries[i].as_ref().map(|e| e.value.clone()))
    }

    pub fn set_str(&self, name: &str, value: Value) {
        let key = Value::str(name);
        let h = super::str::hash_str(name);
        self.table.lock().insert(h, key, value);
    }

    /// Insert with an already-built `str` key (no allocation for the key).
    pub fn set_strkey(&self, key: &std::sync::Arc<super::StrObj>, value: Value) {
        let h = key.hash();
        self.table.lock().insert(h, Value::Str(key.clone()), value);
    }

    #[inline]
    pub fn get_strkey(&self, key: &super::StrObj) -> Option<Value> {
        let h = key.hash();
        let t = self.table.lock();
        let entries = &t.entries;
        t.index
            .find(h, |&i| match &entries[i] {
                Some(Entry {
                    key: Value::Str(k),
                    ..
                }) => std::ptr::eq(&**k, key) || k.as_str() == key.as_str(),
                _ => false,
            })
            .and_then(|&i| entries[i].as_ref().map(|e| e.value.clone()))
    }

    pub fn del_str(&self, name: &str) -> bool {
        let h = super::str::hash_str(name);
        self.table.lock().remove(h, &Value::str(name)).is_some()
    }
}

impl Default for DictObj {
    fn default() -> Self {
        Self::new()
    }
}

/// Key equality that needs no gil code: numbers across int/float/bool, strings, bytes, tuples
/// of those, and identity for everything else.
pub fn keys_equal(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Str(x), Str(y)) => std::sync::Arc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Int(x), Int(y)) => x == y,
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Bool(y)) | (Bool(y), Int(x)) => *x == *y as i64,
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y && (*y as i64) == *x,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (*x as i64 as f64) == *y,
        (BigInt(x), BigInt(y)) => x == y,
        (Bytes(x), Bytes(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| keys_equal(p, q))
        }
        (Set(x), Set(y)) => x.frozen && y.frozen && super::set::sets_equal(x, y),
        // Instances of subclasses of str/int/tuple compare by their built-in value.
        (Instance(i), other) | (other, Instance(i)) if !a.is(b) => match i.builtin_value() {
            Some(p @ (Str(_) | Int(_) | Tuple(_) | BigInt(_))) => keys_equal(p, other),
            _ => false,
        },
        _ => a.is(b),
    }
}
