//! Julia's hash functions where Julia computes them in C (src/support/hashing.c,
//! src/support/MurmurHash3.c, src/symbol.c): `hash(s::String, h)` and `objectid(s::Symbol)`,
//! bit for bit, so that a `Dict` or `Set` of String or Symbol keys iterates in Julia's order.
//! The integer and float hashes are Julia code in the prelude (base/hashing.jl).

/// base/hashing.jl `hash(s::String, h)`: `h += memhash_seed`, then the MurmurHash3 of the bytes
/// seeded with `h % UInt32`, plus `h`.
pub fn hash_string(bytes: &[u8], h: u64) -> u64 {
    const MEMHASH_SEED: u64 = 0x71e7_29fd_5641_9c81;
    let h = h.wrapping_add(MEMHASH_SEED);
    memhash_seed(bytes, h as u32).wrapping_add(h)
}

/// src/symbol.c `hash_symbol`: a Symbol's `objectid`, what `hash(s::Symbol)` returns.
pub fn symbol_objectid(name: &[u8]) -> u64 {
    const MHASH_SEED: u32 = 0xcafe_8881;
    let oid = memhash_seed(name, MHASH_SEED) ^ (u64::MAX / 3 * 2);
    hash_64_64(oid.wrapping_neg())
}

/// src/support/hashing.c `int64hash` (Thomas Wang's 64-bit mix), Julia's `hash_64_64`.
pub fn hash_64_64(n: u64) -> u64 {
    let mut a = n;
    a = (!a).wrapping_add(a << 21);
    a ^= a >> 24;
    a = a.wrapping_add(a << 3).wrapping_add(a << 8);
    a ^= a >> 14;
    a = a.wrapping_add(a << 2).wrapping_add(a << 4);
    a ^= a >> 28;
    a.wrapping_add(a << 31)
}

/// src/support/hashing.c `memhash_seed`: the second word of `MurmurHash3_x64_128`.
fn memhash_seed(bytes: &[u8], seed: u32) -> u64 {
    murmur3_x64_128(bytes, seed).1
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Austin Appleby's MurmurHash3_x64_128 (public domain), little-endian block loads.
fn murmur3_x64_128(data: &[u8], seed: u32) -> (u64, u64) {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    let (mut h1, mut h2) = (u64::from(seed), u64::from(seed));
    let mut blocks = data.chunks_exact(16);
    for block in &mut blocks {
        let k1 = u64::from_le_bytes(block[..8].try_into().expect("8 bytes"));
        let k2 = u64::from_le_bytes(block[8..].try_into().expect("8 bytes"));
        h1 ^= k1.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
        h1 = h1.rotate_left(27).wrapping_add(h2).wrapping_mul(5).wrapping_add(0x52dc_e729);
        h2 ^= k2.wrapping_mul(C2).rotate_left(33).wrapping_mul(C1);
        h2 = h2.rotate_left(31).wrapping_add(h1).wrapping_mul(5).wrapping_add(0x3849_5ab5);
    }
    let tail = blocks.remainder();
    let load = |bytes: &[u8]| bytes.iter().rev().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if tail.len() > 8 {
        h2 ^= load(&tail[8..]).wrapping_mul(C2).rotate_left(33).wrapping_mul(C1);
    }
    if !tail.is_empty() {
        h1 ^= load(&tail[..tail.len().min(8)]).wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
    }
    let len = data.len() as u64;
    h1 ^= len;
    h2 ^= len;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (h1, h2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values `repr(hash(x))` printed by Julia 1.12.
    #[test]
    fn matches_julia() {
        assert_eq!(hash_string(b"", 0), 0xbd32_f78d_463d_7cfb);
        assert_eq!(hash_string(b"abc", 0), 0x7690_a66f_302b_3f70);
        assert_eq!(hash_string(b"hello", 12345), 0x540c_2b5f_6ea3_f59f);
        assert_eq!(memhash_seed(b"abc", 0), 0x3ba2_7441_26ca_2d52);
        assert_eq!(memhash_seed(b"0123456789abcdef", 0), 0x87c3_5b5c_63a7_08da);
        assert_eq!(symbol_objectid(b"a"), 0x6b03_7ee9_2f7e_d6b0);
        // hash(1) and hash(10) are `hash_64_64(x) - 3 * 0`.
        assert_eq!(hash_64_64(1), 0x5bca_7c69_b794_f8ce);
        assert_eq!(hash_64_64(10), 0x95ea_2955_abd4_5275);
    }
}
