//! `dict`: an insertion-ordered hash table (entries in a `Vec`, a `hashbrown` index over them).
//!
//! A table of at most `SMALL` entry slots has no index: a lookup scans the entries' stored
//! hashes. Most dicts are instance dicts of a handful of attributes, and for them the scan
//! touches one allocation instead of three (table, index control bytes, entries) and saves the
//! index's allocation (~160 bytes for 8 entries).
//!
//! Hashes are computed by the VM (user classes may define `__hash__`), so every operation here
//! takes the hash alongside the key. Key equality in here is the native one (`keys_equal`); keys
//! whose equality needs gil code are resolved by the VM before it calls in (see `vm::hashing`).

use hashbrown::HashTable;
use parking_lot::{Mutex, MutexGuard};

use super::Value;

pub struct DictObj {
    table: Mutex<DictTable>,
    /// Bumped by anything that may change the dict, so caches of its contents (the VM's
    /// global-lookup cache) can be checked with one relaxed load.
    version: std::sync::atomic::AtomicU64,
}

#[derive(Clone)]
struct Entry {
    hash: u64,
    key: Value,
    value: Value,
}

/// Entry slots up to which a table keeps no index and scans instead.
const SMALL: usize = 8;

/// The hash the index files an entry under: the Python hash with its top 7 bits mixed from
/// all of them. `hashbrown` takes the bucket from the low bits and a 7-bit tag from the top
/// ones, and Python hashes often have empty top bits (`hash(i) == i`; an object's hash is its
/// address rotated by 4, as in CPython), which gave every entry the same tag: each probe then
/// compared the key of every slot in its group, a cache miss apiece in a large dict. The low
/// bits stay as they are, so consecutive ints keep their neighbouring buckets.
#[inline]
fn spread(h: u64) -> u64 {
    let p = (h as u128) * 0x9E37_79B9_7F4A_7C15u128;
    let mixed = (p as u64) ^ ((p >> 64) as u64);
    h ^ (mixed & (0x7F << 57))
}

/// `hashbrown`'s rehasher for the index: the spread hash of the entry at a position.
fn index_hash(entries: &[Option<Entry>]) -> impl Fn(&usize) -> u64 + '_ {
    |&j| spread(entries[j].as_ref().map(|e| e.hash).unwrap_or(0))
}

#[derive(Clone, Default)]
pub struct DictTable {
    /// Entries in insertion order; a removed entry leaves `None` until the next compaction.
    entries: Vec<Option<Entry>>,
    /// Positions in `entries` by hash; empty while `entries.len() <= SMALL` (see `indexed`).
    index: HashTable<usize>,
    len: usize,
    /// Bumped on every insertion of a new key or removal, to detect mutation during iteration.
    pub version: u64,
    /// Sets iterate in CPython's hash-slot order rather than insertion order.
    set_order: Option<SetOrder>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Empty,
    Dummy,
    Live(usize),
}

/// A shadow of CPython's set table (`Objects/setobject.c`): open addressing with 9 linear
/// probes then perturbation, resized at 60% fill. Only positions are simulated (the real
/// lookup is the `hashbrown` index), so that `print({3, 1, 2})` shows `{1, 2, 3}` as Python does.
#[derive(Clone)]
struct SetOrder {
    slots: Vec<Slot>,
    /// Live plus dummy slots.
    fill: usize,
}

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

impl SetOrder {
    fn new(size: usize) -> SetOrder {
        SetOrder {
            slots: vec![Slot::Empty; size],
            fill: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// CPython's `set_add_entry` for a key not yet present: the first dummy met, else the
    /// first empty slot. Returns whether an empty slot was used (fill grows).
    fn insert(&mut self, hash: u64, idx: usize) -> bool {
        let mask = self.mask();
        let mut i = hash as usize & mask;
        let mut perturb = hash;
        let mut free: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match self.slots[j] {
                    Slot::Empty => {
                        let at = free.unwrap_or(j);
                        self.slots[at] = Slot::Live(idx);
                        if free.is_none() {
                            self.fill += 1;
                            return true;
                        }
                        return false;
                    }
                    Slot::Dummy => {
                        if free.is_none() {
                            free = Some(j);
                        }
                    }
                    Slot::Live(_) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// CPython's `set_insert_clean` (used while resizing: no dummies exist).
    fn insert_clean(&mut self, hash: u64, idx: usize) {
        let mask = self.mask();
        let mut i = hash as usize & mask;
        let mut perturb = hash;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                if self.slots[j] == Slot::Empty {
                    self.slots[j] = Slot::Live(idx);
                    self.fill += 1;
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, used: usize, hashes: &dyn Fn(usize) -> u64) {
        let minused = if used > 50000 { used * 2 } else { used * 4 };
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(self, SetOrder::new(size));
        for s in old.slots {
            if let Slot::Live(idx) = s {
                self.insert_clean(hashes(idx), idx);
            }
        }
    }

    fn remove(&mut self, idx: usize) {
        if let Some(s) = self.slots.iter_mut().find(|s| **s == Slot::Live(idx)) {
            *s = Slot::Dummy;
        }
    }

    fn live(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots.iter().filter_map(|s| match s {
            Slot::Live(i) => Some(*i),
            _ => None,
        })
    }
}

impl DictTable {
    /// An empty table with room for `n` entries (an instance dict whose fields are known).
    pub fn with_capacity(n: usize) -> DictTable {
        DictTable {
            entries: Vec::with_capacity(n),
            index: if n > SMALL {
                HashTable::with_capacity(n)
            } else {
                HashTable::new()
            },
            ..Default::default()
        }
    }

    /// An empty table that iterates in CPython's set order.
    pub fn for_set() -> DictTable {
        DictTable {
            set_order: Some(SetOrder::new(8)),
            ..Default::default()
        }
    }

    /// This table's entries re-laid out in set order (for a set built from a dict's keys).
    pub fn into_set_table(self) -> DictTable {
        if self.set_order.is_some() {
            return self;
        }
        let mut t = DictTable::for_set();
        for (h, k, v) in self.hashed_items() {
            t.insert(h, k, v);
        }
        t
    }

    /// Entry indices in iteration order.
    fn order(&self) -> Vec<usize> {
        match &self.set_order {
            Some(o) => o.live().collect(),
            None => (0..self.entries.len()).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether lookups go through `index` (else they scan `entries`).
    #[inline]
    fn indexed(&self) -> bool {
        self.entries.len() > SMALL
    }

    /// The position of the live entry with `hash` for which `eq` holds.
    #[inline]
    fn position(&self, hash: u64, eq: impl Fn(&Entry) -> bool) -> Option<usize> {
        let entries = &self.entries;
        if !self.indexed() {
            return entries
                .iter()
                .position(|e| matches!(e, Some(e) if e.hash == hash && eq(e)));
        }
        self.index
            .find(
                spread(hash),
                |&i| matches!(&entries[i], Some(e) if e.hash == hash && eq(e)),
            )
            .copied()
    }

    fn find(&self, hash: u64, key: &Value) -> Option<usize> {
        self.position(hash, |e| keys_equal(&e.key, key))
    }

    /// Builds the index over every live entry (the table has just outgrown `SMALL`).
    fn build_index(&mut self) {
        let entries = &self.entries;
        self.index.clear();
        self.index.reserve(entries.len(), index_hash(entries));
        for (i, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                self.index
                    .insert_unique(spread(e.hash), i, index_hash(entries));
            }
        }
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

    /// Appends an entry whose key the caller knows is not in the table (a fresh instance
    /// dict being filled natively): no lookup.
    pub fn push_distinct(&mut self, hash: u64, key: Value, value: Value) {
        debug_assert!(self.find(hash, &key).is_none());
        let i = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        if i == SMALL {
            self.build_index();
        } else if i > SMALL {
            let entries = &self.entries;
            self.index
                .insert_unique(spread(hash), i, index_hash(entries));
        }
        self.len += 1;
        self.version += 1;
        if let Some(o) = &mut self.set_order {
            let grew = o.insert(hash, i);
            if grew && o.fill * 5 >= o.mask() * 3 {
                let entries = &self.entries;
                o.resize(self.len, &|j| {
                    entries[j].as_ref().map(|e| e.hash).unwrap_or(0)
                });
            }
        }
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, hash: u64, key: Value, value: Value) -> Option<Value> {
        if let Some(i) = self.find(hash, &key) {
            let e = self.entries[i].as_mut().expect("live entry");
            return Some(std::mem::replace(&mut e.value, value));
        }
        self.push_distinct(hash, key, value);
        None
    }

    pub fn remove(&mut self, hash: u64, key: &Value) -> Option<(Value, Value)> {
        let i = self.find(hash, key)?;
        if self.indexed() {
            if let Ok(slot) = self.index.find_entry(spread(hash), |&j| j == i) {
                slot.remove();
            }
        }
        let e = self.entries[i].take().expect("live entry");
        if let Some(o) = &mut self.set_order {
            o.remove(i);
        }
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
        if self.set_order.is_some() {
            // Slots refer to entry positions; sets keep their tombstones (CPython does too).
            return;
        }
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            // In place, and the index rebuilt without looking anything up (the keys are
            // distinct): `loop._tasks` halves again and again as 100,000 tasks finish.
            self.entries.retain(Option::is_some);
            if self.indexed() {
                self.build_index();
            } else {
                self.index.clear();
            }
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version += 1;
        if self.set_order.is_some() {
            self.set_order = Some(SetOrder::new(8));
        }
    }

    fn live(&self) -> impl Iterator<Item = &Entry> + '_ {
        let order = self.order();
        order
            .into_iter()
            .filter_map(move |i| self.entries[i].as_ref())
    }

    pub fn keys(&self) -> Vec<Value> {
        self.live().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.live().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.live()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Entries with their hashes, for copying into another table without rehashing.
    pub fn hashed_items(&self) -> Vec<(u64, Value, Value)> {
        self.live()
            .map(|e| (e.hash, e.key.clone(), e.value.clone()))
            .collect()
    }

    /// For iterators: the next live entry at or after position `pos` (in iteration order)
    /// and the position after it.
    pub fn entry_from(&self, mut pos: usize) -> Option<(usize, Value, Value)> {
        if let Some(o) = &self.set_order {
            while pos < o.slots.len() {
                if let Slot::Live(i) = o.slots[pos] {
                    if let Some(e) = &self.entries[i] {
                        return Some((pos + 1, e.key.clone(), e.value.clone()));
                    }
                }
                pos += 1;
            }
            return None;
        }
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
        let same = |e: &&Entry| e.hash == hash;
        if !self.indexed() {
            return entries
                .iter()
                .flatten()
                .filter(same)
                .map(|e| e.key.clone())
                .collect();
        }
        self.index
            .iter_hash(spread(hash))
            .filter_map(|&i| entries[i].as_ref())
            .filter(same)
            .map(|e| e.key.clone())
            .collect()
    }
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj {
            table: Mutex::new(DictTable::default()),
            version: Default::default(),
        }
    }

    pub fn from_table(t: DictTable) -> DictObj {
        DictObj {
            table: Mutex::new(t),
            version: Default::default(),
        }
    }

    /// Locks the table. Never call gil code while holding the guard.
    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, DictTable> {
        // The caller may mutate through the guard: invalidate caches conservatively.
        self.touch();
        self.table.lock()
    }

    #[inline]
    fn touch(&self) {
        self.version
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Changes whenever the contents may have changed.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn len(&self) -> usize {
        self.table.lock().len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fast path for string keys (attribute and global dicts).
    pub fn get_str(&self, name: &str) -> Option<Value> {
        self.get_str_hashed(name, super::str::hash_str(name))
    }

    /// `get_str` with the hash of `name` already computed (a lookup along a class's MRO).
    pub fn get_str_hashed(&self, name: &str, h: u64) -> Option<Value> {
        let t = self.table.lock();
        t.position(h, |e| e.key.as_str() == Some(name))
            .and_then(|i| t.entries[i].as_ref().map(|e| e.value.clone()))
    }

    pub fn set_str(&self, name: &str, value: Value) {
        let key = Value::str(name);
        let h = super::str::hash_str(name);
        self.touch();
        self.table.lock().insert(h, key, value);
    }

    /// Insert with an already-built `str` key: an existing entry gets the new value in place
    /// (no key clone), and the old value is dropped after the lock is released.
    pub fn set_strkey(&self, key: &std::sync::Arc<super::StrObj>, value: Value) {
        let h = key.hash();
        self.touch();
        let mut t = self.table.lock();
        let found = t.position(h, |e| match &e.key {
            Value::Str(k) => std::sync::Arc::ptr_eq(k, key) || k.as_str() == key.as_str(),
            // A str subclass instance stored as a key (`obj.__dict__[S("x")] = 1`).
            Value::Instance(i) => {
                matches!(i.builtin_value(), Some(Value::Str(k)) if k.as_str() == key.as_str())
            }
            _ => false,
        });
        match found {
            Some(i) => {
                let e = t.entries[i].as_mut().expect("live entry");
                let old = std::mem::replace(&mut e.value, value);
                drop(t);
                drop(old);
            }
            None => t.push_distinct(h, Value::Str(key.clone()), value),
        }
    }

    #[inline]
    pub fn get_strkey(&self, key: &super::StrObj) -> Option<Value> {
        let h = key.hash();
        let t = self.table.lock();
        t.position(h, |e| match &e.key {
            Value::Str(k) => std::ptr::eq(&**k, key) || k.as_str() == key.as_str(),
            _ => false,
        })
        .and_then(|i| t.entries[i].as_ref().map(|e| e.value.clone()))
    }

    pub fn del_str(&self, name: &str) -> bool {
        let h = super::str::hash_str(name);
        self.touch();
        self.table.lock().remove(h, &Value::str(name)).is_some()
    }
}

impl Default for DictObj {
    fn default() -> Self {
        Self::new()
    }
}

/// `keys_equal` of two tuples with an explicit stack of the nested pairs still to compare, so
/// that a key nested 100,000 tuples deep cannot overflow a thread's native stack. Flat tuples,
/// the usual keys, allocate nothing.
fn tuples_equal(x: &[Value], y: &[Value]) -> bool {
    let mut pending: Vec<(&[Value], &[Value])> = Vec::new();
    let (mut x, mut y) = (x, y);
    loop {
        if !std::ptr::eq(x, y) {
            if x.len() != y.len() {
                return false;
            }
            for (p, q) in x.iter().zip(y) {
                match (p, q) {
                    (Value::Tuple(a), Value::Tuple(b)) => pending.push((&a[..], &b[..])),
                    _ if !keys_equal(p, q) => return false,
                    _ => {}
                }
            }
        }
        match pending.pop() {
            Some((a, b)) => (x, y) = (a, b),
            None => return true,
        }
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
        (Tuple(x), Tuple(y)) => tuples_equal(&x[..], &y[..]),
        (Set(x), Set(y)) => x.frozen && y.frozen && super::set::sets_equal(x, y),
        // Instances of subclasses of str/int/tuple compare by their built-in value.
        (Instance(i), other) | (other, Instance(i)) if !a.is(b) => match i.builtin_value() {
            Some(p @ (Str(_) | Int(_) | Tuple(_) | BigInt(_))) => keys_equal(p, other),
            _ => false,
        },
        _ => a.is(b),
    }
}
