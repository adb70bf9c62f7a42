"""CRC-32 of concatenated pieces from the pieces' own CRCs (zlib's crc32_combine, in Python).

The overview's zip entries are written by splicing pre-compressed pieces (converters.merge.fragments); the
entry's CRC-32 is combined from the pieces' CRCs in 32 steps per piece instead of re-reading the data.
"""

from __future__ import annotations

from functools import lru_cache

_POLY = 0xEDB88320


def _multmodp(a: int, b: int) -> int:
    """a(x) * b(x) modulo p(x), both as reflected 32-bit CRC polynomials (zlib's multmodp)."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if (a & (m - 1)) == 0:
                break
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1
    return p


def _x2n_table() -> list[int]:
    p = 1 << 30  # x^1
    table = [p]
    for _ in range(1, 32):
        p = _multmodp(p, p)
        table.append(p)
    return table


_X2N = _x2n_table()


def crc_shift_op(length: int) -> int:
    """The operator that appends `length` bytes to a CRC (zlib's crc32_combine_gen): x^(8·length), the product
    of the operators of the length's high and low byte parts, each computed once per value."""
    low, high = length & 0xFF, length & ~0xFF
    if not (low and high):
        return _shift_op(length)
    return _multmodp(_shift_op(high), _shift_op(low))


@lru_cache(maxsize=4096)
def _shift_op(length: int) -> int:
    p, k, n = 1 << 31, 3, length
    while n:
        if n & 1:
            p = _multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return p


def crc_combine(crc1: int, crc2: int, op2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and B's shift operator."""
    return _multmodp(op2, crc1) ^ crc2
