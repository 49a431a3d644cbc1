//! `str`: immutable UTF-8 text with a cached hash and character count.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct StrObj {
    s: Box<str>,
    /// Number of characters; equal to the byte length for ASCII text, which makes indexing O(1).
    char_len: usize,
    /// 0 means "not computed yet".
    hash: AtomicU64,
}

impl StrObj {
    pub fn new(s: &str) -> StrObj {
        Self::from_string(s.to_string())
    }

    pub fn from_string(s: String) -> StrObj {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        StrObj {
            s: s.into_boxed_str(),
            char_len,
            hash: AtomicU64::new(0),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }

    #[inline]
    pub fn hash(&self) -> u64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != 0 {
            return h;
        }
        let h = hash_str(&self.s);
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// The character at index `i` (already bounds-checked and non-negative).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.s.as_bytes()[i] as char
        } else {
            self.s.chars().nth(i).unwrap_or('\0')
        }
    }

    /// Byte offset of character index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.s.len())
        }
    }
}

/// The shared `str` object for an identifier, so that names in code objects and the keys
/// of namespaces are the same object and dict lookups succeed on a pointer comparison.
pub fn intern(s: &str) -> std::sync::Arc<StrObj> {
    use std::collections::HashMap;
    use std::sync::{Arc, OnceLock};
    static TABLE: OnceLock<parking_lot::Mutex<HashMap<String, Arc<StrObj>>>> = OnceLock::new();
    let mut t = TABLE.get_or_init(Default::default).lock();
    if let Some(a) = t.get(s) {
        return a.clone();
    }
    let a = Arc::new(StrObj::new(s));
    t.insert(s.to_string(), a.clone());
    a
}

/// Hash of a string; never 0 (0 marks "not cached").
pub fn hash_str(s: &str) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x9e37_79b9_7f4a_7c15).build_hasher();
    h.write(s.as_bytes());
    h.finish() | 1
}
