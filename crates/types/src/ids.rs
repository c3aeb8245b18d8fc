//! Ids of the runtime's reflective objects. The arenas that own them live in `world`; they are
//! defined here because constants (`Const(ci)`) and call infos refer to them.

macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id!(
    /// A `Method`: one definition of a generic function.
    MethodId,
    "method"
);
id!(
    /// A `MethodInstance`: a method specialized on a signature, unique per (method, specTypes).
    MethodInstanceId,
    "mi"
);
id!(
    /// A `CodeInstance`: the cache entry of a method instance for one owner and world range.
    CodeInstanceId,
    "ci"
);
id!(
    /// A method table: the global one, or an overlay made by `@MethodTable`.
    MethodTableId,
    "mt"
);
id!(
    /// A builtin or intrinsic function: an index into `ir`'s table of builtins.
    BuiltinId,
    "builtin"
);
