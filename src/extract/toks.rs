//! A token slice as a nom input, so that the claim grammars are ordinary nom parsers.

use crate::lex::Tok;
use nom::{Input, Needed};
use std::iter::Enumerate;
use std::slice::Iter;

/// The tokens not yet consumed; `base` is the index of the first one in the document.
#[derive(Debug, Clone, Copy)]
pub struct Toks<'s, 'a> {
    pub toks: &'s [Tok<'a>],
    pub base: usize,
}

impl<'s, 'a> Toks<'s, 'a> {
    pub fn new(toks: &'s [Tok<'a>], base: usize) -> Self {
        Toks { toks, base }
    }

    pub fn first(&self) -> Option<&'s Tok<'a>> {
        self.toks.first()
    }

    pub fn get(&self, i: usize) -> Option<&'s Tok<'a>> {
        self.toks.get(i)
    }
}

impl<'s, 'a> Input for Toks<'s, 'a> {
    type Item = &'s Tok<'a>;
    type Iter = Iter<'s, Tok<'a>>;
    type IterIndices = Enumerate<Iter<'s, Tok<'a>>>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }

    fn take(&self, index: usize) -> Self {
        Toks { toks: &self.toks[..index.min(self.toks.len())], base: self.base }
    }

    fn take_from(&self, index: usize) -> Self {
        let index = index.min(self.toks.len());
        Toks { toks: &self.toks[index..], base: self.base + index }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.toks.iter().position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.toks.iter()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.toks.iter().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.toks.len() >= count { Ok(count) } else { Err(Needed::new(count - self.toks.len())) }
    }
}
