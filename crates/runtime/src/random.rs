//! The task-local random number generator of Julia 1.12 (stdlib/Random/src/Xoshiro.jl and
//! XoshiroSimd.jl): xoshiro256++, seeded by `Random.seed!(n)` from the SHA2-256 digest of `n`'s
//! 32-bit words (`hash_seed`), and its bulk path for vectors of 8 or more Float64/64-bit
//! words, which forks 8 lanes and so yields another stream than repeated scalar draws. The
//! streams are Julia's bit for bit; the prelude turns words into numbers as Random does, but for
//! `randn`, whose ziggurat (and its tables, ziggurat.rs) is here.

use crate::ziggurat;

/// The state of `Random.default_rng()`. A session starts from `seed!(0)` (Julia seeds it from
/// the operating system's entropy; a playground run is reproducible instead).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Xoshiro {
    s: [u64; 4],
}

impl Default for Xoshiro {
    fn default() -> Self {
        Xoshiro::seeded(0)
    }
}

impl Xoshiro {
    /// `Random.seed!(seed)` for an integer seed.
    pub fn seeded(seed: i128) -> Xoshiro {
        let digest = sha256(&hash_seed_bytes(seed));
        let word = |i: usize| u64::from_le_bytes(digest[8 * i..8 * i + 8].try_into().expect("8 bytes"));
        Xoshiro { s: [word(0), word(1), word(2), word(3)] }
    }

    /// `rand(rng, UInt64)`.
    pub fn next(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let res = s0.wrapping_add(*s3).rotate_left(23).wrapping_add(*s0);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        res
    }

    /// `rand()`: a Float64 in [0, 1) from the top 53 bits.
    pub fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 * f64::EPSILON / 2.0
    }

    /// `randn()`: stdlib/Random/src/normal.jl's ziggurat on 52 random bits (`rand(UInt52())`,
    /// the top ones of a word): the low bit is the sign, the next 51 the magnitude, whose low
    /// byte picks the strip. 99.3% of draws end at the first comparison; the rest are
    /// `randn_unlikely`'s: the tail beyond `NOR_R`, the wedge under the density, or a new draw.
    pub fn randn(&mut self) -> f64 {
        loop {
            let r = self.next() >> 12;
            let rabs = (r >> 1) as i64;
            let idx = (rabs & 0xFF) as usize;
            let x = (if r & 1 == 1 { -rabs } else { rabs }) as f64 * ziggurat::WI[idx];
            if (rabs as u64) < ziggurat::KI[idx] {
                return x;
            }
            if idx == 0 {
                loop {
                    let xx = -(1.0 / ziggurat::NOR_R) * self.float().ln();
                    let yy = -self.float().ln();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -ziggurat::NOR_R - xx
                        } else {
                            ziggurat::NOR_R + xx
                        };
                    }
                }
            }
            let (lo, hi) = (ziggurat::FI[idx], ziggurat::FI[idx - 1]);
            if (hi - lo) * self.float() + lo < (-0.5 * x * x).exp() {
                return x;
            }
        }
    }

    /// The words `rand!` writes over `len` bytes of a vector of bit integers or floats
    /// (`xoshiro_bulk`), `len / 8` rounded up: each 64-byte block comes from 8 lanes forked from
    /// 32 draws (`forkRand`), word `k` of the blocks from lane `k % 8` at step `k ÷ 8`; the rest
    /// from the generator itself, a last partial word included (its low bytes are used).
    pub fn bulk(&mut self, len: usize) -> Vec<u64> {
        let n = len.div_ceil(8);
        let mut out = Vec::with_capacity(n);
        let simd = len / 64 * 8;
        if simd > 0 {
            const C: [u64; 4] =
                [0x0201_1ce3_4bce_797f, 0x5a94_851f_b48a_6e05, 0x3688_cf5d_4889_9fa7, 0x867b_4bb4_c42e_5661];
            let mut lanes = [Xoshiro { s: [0; 4] }; 8];
            for (w, c) in C.iter().enumerate() {
                for lane in lanes.iter_mut() {
                    lane.s[w] = c.wrapping_mul(self.next());
                }
            }
            while out.len() < simd {
                for lane in lanes.iter_mut() {
                    out.push(lane.next());
                }
            }
        }
        while out.len() < n {
            out.push(self.next());
        }
        out
    }
}

/// The bytes `hash_seed(seed)` hashes: the magnitude's 32-bit words, least significant first,
/// each little-endian, up to the last nonzero one (at least one); a negative seed hashes `~seed`
/// and one more byte, 1.
fn hash_seed_bytes(seed: i128) -> Vec<u8> {
    let neg = seed < 0;
    let mut n = (if neg { !seed } else { seed }) as u128;
    let mut bytes = Vec::new();
    loop {
        bytes.extend_from_slice(&((n & 0xffff_ffff) as u32).to_le_bytes());
        n >>= 32;
        if n == 0 {
            break;
        }
    }
    if neg {
        bytes.push(1);
    }
    bytes
}

/// SHA2-256 (FIPS 180-4).
fn sha256(message: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut data = message.to_vec();
    data.push(0x80);
    while data.len() % 64 != 56 {
        data.push(0);
    }
    data.extend_from_slice(&((message.len() as u64) * 8).to_be_bytes());
    for block in data.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes(word.try_into().expect("4 bytes"));
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(u: u64) -> f64 {
        (u >> 11) as f64 * 2f64.powi(-53)
    }

    /// Random's doctest: `rng = Xoshiro(123); randn(rng, Float32)` is `-0.6457307f0`, then
    /// `randn(rng, ComplexF32, (2, 3))` (each part `SQRT_HALF * randn`, by columns) begins
    /// `-1.03467-1.14806im`, `-0.153912+0.34807im`, `0.693657+0.056538im`.
    #[test]
    fn randn_matches_julia() {
        let mut r = Xoshiro::seeded(123);
        assert_eq!(r.randn() as f32, -0.6457307);
        let parts: Vec<f32> = (0..6).map(|_| (std::f64::consts::FRAC_1_SQRT_2 * r.randn()) as f32).collect();
        let shown = [-1.03467, -1.14806, -0.153912, 0.34807, 0.693657, 0.056538];
        for (x, y) in parts.iter().zip(shown) {
            assert!((x - y).abs() <= 5e-6 * y.abs(), "{x} is not {y} to 6 digits");
        }
    }

    #[test]
    fn sha256_of_abc() {
        let d = sha256(b"abc");
        assert_eq!(d[..4], [0xba, 0x78, 0x16, 0xbf]);
        assert_eq!(d[28..], [0xf2, 0x00, 0x15, 0xad]);
    }

    /// Values Julia 1.12 prints after `Random.seed!(42)`.
    #[test]
    fn streams_match_julia() {
        let mut r = Xoshiro::seeded(42);
        assert_eq!(r.clone().next(), 0xa11c_c311_cb6a_cd70);
        assert_eq!(
            [float(r.next()), float(r.next()), float(r.next())],
            [0.6293451231426089, 0.4503389405961936, 0.47740714343281776]
        );
        let mut r = Xoshiro::seeded(42);
        let v: Vec<f64> = r.bulk(64).into_iter().map(float).collect();
        assert_eq!(v[0], 0.1735745757945074);
        assert_eq!(v[7], 0.802762551279973);
        assert_eq!(float(r.next()), 0.7219827350406843);
    }
}
