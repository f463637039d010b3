//! Interned strings: agent, team, channel and topic names stored once each and named by a
//! `u32` in the record columns.

use rustc_hash::FxHashMap;

use super::NO_TEXT;

/// Interned strings: each distinct text is stored once and named by a `u32`. Hashed with
/// rustc's Fx hash: interning looks up a few short strings per imported row, where SipHash's
/// flood resistance buys nothing and costs a tenth of the import time.
#[derive(Clone, Debug, Default)]
pub struct StringTable {
    texts: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
    /// Recently interned texts by a hash of their [`TextWords`]: an import repeats a few
    /// thousand texts a million times, and a hit here is decided from the slot alone for
    /// texts up to 16 bytes (most names), instead of a hash-map probe and a comparison in
    /// the heap. Empty until the first interning.
    recent: Vec<(TextWords, u32)>,
}

/// Slots of [`StringTable::recent`]: room for a few thousand agents at little risk of two
/// frequent texts sharing a slot.
const RECENT_BITS: u32 = 12;
const RECENT_SLOTS: usize = 1 << RECENT_BITS;

/// A text's length and its first and last eight bytes (a short text whole in `head`): equal
/// words mean equal texts up to 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextWords {
    len: usize,
    head: u64,
    tail: u64,
}

impl TextWords {
    /// Matches no text.
    const NONE: TextWords = TextWords {
        len: usize::MAX,
        head: 0,
        tail: 0,
    };

    #[inline(always)]
    fn of(text: &str) -> TextWords {
        let bytes = text.as_bytes();
        let word = |part: &[u8]| u64::from_le_bytes(part.try_into().expect("8 bytes"));
        let (head, tail) = match bytes.len() {
            len @ 8.. => (word(&bytes[..8]), word(&bytes[len - 8..])),
            _ => (
                bytes
                    .iter()
                    .fold(0u64, |acc, &byte| (acc << 8) | u64::from(byte)),
                0,
            ),
        };
        TextWords {
            len: bytes.len(),
            head,
            tail,
        }
    }

    /// Whether equal words prove equal texts.
    fn are_whole(self) -> bool {
        self.len <= 16
    }

    fn slot(self) -> usize {
        let mixed = self.head ^ self.tail.rotate_left(29) ^ self.len as u64;
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize
    }
}

impl StringTable {
    /// The id of `text`, adding it on first sight. Looks up by `&str`, so a known text
    /// costs no allocation.
    pub fn intern(&mut self, text: &str) -> u32 {
        let words = TextWords::of(text);
        let slot = words.slot();
        if let Some(&(known, id)) = self.recent.get(slot) {
            if known == words && (words.are_whole() || self.get(id) == Some(text)) {
                return id;
            }
        }
        let id = match self.ids.get(text) {
            Some(&id) => id,
            None => {
                let id =
                    u32::try_from(self.texts.len()).expect("fewer than 4 billion distinct texts");
                let boxed: Box<str> = text.into();
                self.texts.push(boxed.clone());
                self.ids.insert(boxed, id);
                id
            }
        };
        if self.recent.is_empty() {
            self.recent = vec![(TextWords::NONE, NO_TEXT); RECENT_SLOTS];
        }
        self.recent[slot] = (words, id);
        id
    }

    /// A table holding `texts` under ids 0, 1, ... in order (a saved table read back);
    /// rebuilds the lookup map. A text given twice is an error naming its id: two ids for
    /// one name would split that agent or team in two.
    pub(crate) fn from_texts(texts: Vec<Box<str>>) -> Result<StringTable, String> {
        if texts.len() >= NO_TEXT as usize {
            return Err(format!("{} texts are more than a table holds", texts.len()));
        }
        let mut ids = FxHashMap::with_capacity_and_hasher(texts.len(), Default::default());
        for (id, text) in texts.iter().enumerate() {
            if ids.insert(text.clone(), id as u32).is_some() {
                return Err(format!("text {id} ({text:?}) is listed twice"));
            }
        }
        Ok(StringTable {
            texts,
            ids,
            recent: Vec::new(),
        })
    }

    /// The id of `text` if it was ever interned.
    pub fn lookup(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// The text of an id; `None` for [`NO_TEXT`].
    pub fn get(&self, id: u32) -> Option<&str> {
        self.texts.get(id as usize).map(|text| &**text)
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Every text, in id order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.texts.iter().map(|text| &**text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_one_id_per_text_however_the_recent_slots_collide() {
        let mut table = StringTable::default();
        // Long texts (checked in the heap) and short ones (decided by their words), many
        // more than the slots, differing anywhere.
        let texts: Vec<String> = (0..3 * RECENT_SLOTS)
            .flat_map(|i| {
                [
                    format!("售后{i}组 with a long common tail"),
                    format!("{i:x}"),
                    format!("agent{i:07}"),
                    format!("{i:07}agent"),
                    format!("ab{i:06}cdefgh"),
                ]
            })
            .chain(["", "abcdefgh", "abcdefghijklmnop", "abcdefghijklmnoq"].map(String::from))
            .collect();
        let first: Vec<u32> = texts.iter().map(|text| table.intern(text)).collect();
        assert_eq!(first, (0..texts.len() as u32).collect::<Vec<_>>());
        for (text, &id) in texts.iter().zip(&first).rev() {
            assert_eq!(table.intern(text), id);
            assert_eq!(table.get(id), Some(text.as_str()));
        }
        assert_eq!(table.len(), texts.len());
    }
}
