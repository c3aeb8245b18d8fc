//! Typed `u32` ids into arenas, in the style of `cranelift-entity`: an `Arena` owns the data
//! and hands out ids; a `SideTable` attaches optional data to ids without touching the owner.

use std::marker::PhantomData;

/// An id that indexes an arena.
pub trait EntityId: Copy + Eq {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u32);

        impl $crate::entity::EntityId for $name {
            fn new(index: usize) -> Self {
                $name(index as u32)
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}
pub(crate) use entity;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: serde::Deserialize<'de>"))]
pub struct Arena<I, T> {
    items: Vec<T>,
    #[serde(skip)]
    _id: PhantomData<I>,
}

impl<I: EntityId, T> Default for Arena<I, T> {
    fn default() -> Self {
        Arena { items: Vec::new(), _id: PhantomData }
    }
}

impl<I: EntityId, T> Arena<I, T> {
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::new(self.items.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::new)
    }

    pub fn iter(&self) -> impl Iterator<Item = (I, &T)> {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }
}

impl<I: EntityId, T> std::ops::Index<I> for Arena<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: EntityId, T> std::ops::IndexMut<I> for Arena<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

/// Optional data attached to the ids of an arena owned elsewhere.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: serde::Deserialize<'de>"))]
pub struct SideTable<I, T> {
    items: Vec<Option<T>>,
    #[serde(skip)]
    _id: PhantomData<I>,
}

impl<I: EntityId, T> Default for SideTable<I, T> {
    fn default() -> Self {
        SideTable { items: Vec::new(), _id: PhantomData }
    }
}

impl<I: EntityId, T> SideTable<I, T> {
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index()).and_then(Option::as_ref)
    }

    pub fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.items.get_mut(id.index()).and_then(Option::as_mut)
    }

    pub fn set(&mut self, id: I, value: T) {
        let i = id.index();
        if self.items.len() <= i {
            self.items.resize_with(i + 1, || None);
        }
        self.items[i] = Some(value);
    }

    pub fn remove(&mut self, id: I) -> Option<T> {
        self.items.get_mut(id.index()).and_then(Option::take)
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The ids that have data, with it, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (I, &T)> {
        self.items.iter().enumerate().filter_map(|(i, t)| Some((I::new(i), t.as_ref()?)))
    }
}
