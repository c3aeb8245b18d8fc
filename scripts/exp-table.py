#!/usr/bin/env python3
"""Writes crates/ir/src/exp_table.rs: the table of 2^(j/256), j = 0..255, that Julia's
`exp`, `exp2` and `exp10` of a Float64 scale by (base/special/exp.jl, `J_TABLE`), made the
way that file's `make_table` says: the upper part rounded down to a Float64 in [1, 2), the
lower part the rest rounded to nearest, stored as the upper part's 52 fraction bits and the
lower part's bits 44-55 (its exponent's low 4 bits and top 8 fraction bits) in the top 12."""
import decimal
import os
import struct

decimal.getcontext().prec = 80
TWO52 = decimal.Decimal(2) ** 52


def bits(x: float) -> int:
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def entry(j: int) -> int:
    val = decimal.Decimal(2) ** (decimal.Decimal(j) / 256)
    upper = (val * TWO52).to_integral_value(rounding=decimal.ROUND_FLOOR) / TWO52
    lower = float(val - upper)  # correctly rounded (through its decimal string)
    ju_mask = (1 << 52) - 1
    jl_mask = (1 << 56) - 1
    return (bits(float(upper)) & ju_mask) | (((bits(lower) & jl_mask) >> 44) << 52)


rows = [entry(j) for j in range(256)]
out = os.path.join(os.path.dirname(__file__), '..', 'crates', 'ir', 'src', 'exp_table.rs')
with open(out, 'w') as f:
    f.write('//! Made by scripts/exp-table.py (do not edit): 2^(j/256) for Julia\'s `exp` (see `exp`).\n\n')
    f.write('#[rustfmt::skip]\npub(crate) const J_TABLE: [u64; 256] = [\n')
    for i in range(0, 256, 4):
        f.write('    ' + ' '.join(f'0x{r:016x},' for r in rows[i:i + 4]) + '\n')
    f.write('];\n')
print(f'wrote {out}')
