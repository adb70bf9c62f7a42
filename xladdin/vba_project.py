"""Edit the VBA project (xl/vbaProject.bin) of an Excel-authored add-in without Excel.

A module is rewritten in "source-only" form (MS-OVBA): its stream holds only the compressed source,
MODULEOFFSET in the dir stream is 0, _VBA_PROJECT says version 0xFFFF (no performance cache) and no
__SRP_ streams are kept, so Excel recompiles the project from source when it opens it. xlwings ships its
own templates in exactly this form.

Pieces: an MS-OVBA 2.4.1 compressor and decompressor, a small compound-file (MS-CFB v3) writer (olefile
reads), and `VbaProject` to replace or rename modules and references. The decompressor is our own, not
oletools': oletools pulls pcodedmp, whose Windows-only dependency win-unicode-console has no wheel, so it
could not ship in the offline bundle (and ten packages for 40 lines). The tests read every project back
with oletools' olevba as an independent reader (devkit.vba).
"""

from __future__ import annotations

import io
import re
import struct
import uuid
from dataclasses import dataclass, field

import olefile

__all__ = [
    "CfbStorage",
    "CfbStream",
    "IncompressibleTailError",
    "ModuleInfo",
    "VbaProject",
    "compress",
    "decompress",
    "read_cfb",
    "write_cfb",
]

# --------------------------------------------------------------------------------------------------
# MS-OVBA 2.4.1 compression
# --------------------------------------------------------------------------------------------------
CHUNK = 4096
_MAX_CANDIDATES = 256  # how many earlier positions with the same 3-byte prefix a match may try


class IncompressibleTailError(ValueError):
    """The last (short) chunk does not fit a compressed chunk and a raw chunk would pad it with NULs."""


def _copy_token_split(rel: int) -> tuple[int, int]:
    """Bit count of the offset field and the longest match allowed `rel` bytes into a chunk (2.4.1.3.19.1)."""
    bit_count = max(4, (rel - 1).bit_length())
    return bit_count, (0xFFFF >> bit_count) + 3


def _compress_chunk(data: bytes, start: int, end: int) -> bytes | None:
    """Token sequences for data[start:end]; None when they would exceed 4096 bytes."""
    body = bytearray()
    chains: dict[bytes, list[int]] = {}
    pos = start
    while pos < end:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            best_len, best_off = 0, 0
            if end - pos >= 3 and pos > start:
                bit_count, max_len = _copy_token_split(pos - start)
                limit = min(max_len, end - pos)
                for cand in reversed(chains.get(data[pos:pos + 3], ())[-_MAX_CANDIDATES:]):
                    n = 3
                    while n < limit and data[cand + n] == data[pos + n]:
                        n += 1
                    if n > best_len:
                        best_len, best_off = n, pos - cand
                        if n == limit:
                            break
            step = 1
            if best_len >= 3:
                flags |= 1 << bit
                body += struct.pack("<H", ((best_off - 1) << (16 - bit_count)) | (best_len - 3))
                step = best_len
            else:
                body.append(data[pos])
            for p in range(pos, min(pos + step, end - 2)):
                chains.setdefault(data[p:p + 3], []).append(p)
            pos += step
        body[flag_at] = flags
        if len(body) > CHUNK:
            return None
    return bytes(body)


def compress(data: bytes) -> bytes:
    """Compress `data` into an MS-OVBA CompressedContainer (2.4.1.1.1).

    Every chunk but the last covers exactly 4096 bytes; a full chunk that does not shrink is stored raw.
    A short last chunk that does not shrink cannot be stored without the spec's NUL padding, so that
    raises IncompressibleTailError (VBA source text never comes near it; see `_fit_source`).
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        end = min(start + CHUNK, len(data))
        body = _compress_chunk(data, start, end)
        if body is not None:
            out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
        elif end - start == CHUNK:
            out += struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + data[start:end]
        else:
            raise IncompressibleTailError(f"last chunk of {end - start} bytes does not compress")
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer (2.4.1.3.1): chunks of up to 4096 bytes, each raw or a
    sequence of flag bytes followed by literal bytes and copy tokens."""
    if not data or data[0] != 0x01:
        raise ValueError("not an MS-OVBA CompressedContainer (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos + 2 <= len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        if (header >> 12) & 0x7 != 0b011:
            raise ValueError(f"bad chunk signature at {pos}")
        end = min(pos + (header & 0x0FFF) + 3, len(data))
        pos += 2
        chunk_start = len(out)
        if not header >> 15:                                 # a raw chunk: 4096 bytes as they are
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bit_count, _ = _copy_token_split(len(out) - chunk_start)
                offset = (token >> (16 - bit_count)) + 1
                length = (token & (0xFFFF >> bit_count)) + 3
                src = len(out) - offset
                if src < chunk_start:
                    raise ValueError(f"copy token reaches before its chunk at {pos - 2}")
                for i in range(length):                       # byte by byte: a copy may overlap itself
                    out.append(out[src + i])
    return bytes(out)


# --------------------------------------------------------------------------------------------------
# MS-CFB: read with olefile, write with a small v3 (512-byte sector) writer
# --------------------------------------------------------------------------------------------------
@dataclass
class CfbStream:
    name: str
    data: bytes


@dataclass
class CfbStorage:
    name: str
    children: list[CfbStorage | CfbStream] = field(default_factory=list)
    clsid: bytes = bytes(16)

    def get(self, name: str) -> CfbStorage | CfbStream | None:
        """The child called `name` (compound-file names compare case-insensitively)."""
        return next((c for c in self.children if c.name.upper() == name.upper()), None)


def _clsid_bytes(text: str) -> bytes:
    return uuid.UUID(text).bytes_le if text else bytes(16)


def read_cfb(data: bytes) -> CfbStorage:
    """Load a whole compound file into memory as a tree of storages and streams."""
    ole = olefile.OleFileIO(io.BytesIO(data))

    def walk(entry, path: list[str]) -> CfbStorage | CfbStream:
        if entry.entry_type == olefile.STGTY_STREAM:
            return CfbStream(entry.name, ole.openstream(path).read())
        kids = [walk(k, path + [k.name]) for k in entry.kids]
        return CfbStorage(entry.name, kids, _clsid_bytes(entry.clsid))

    root = walk(ole.root, [])
    ole.close()
    assert isinstance(root, CfbStorage)
    return root


_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _cfb_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4 order: shorter names first, then by upper-cased UTF-16 code units."""
    return len(name.encode("utf-16-le")) // 2, "".join(c.upper() if len(c.upper()) == 1 else c for c in name)


def write_cfb(root: CfbStorage) -> bytes:
    """Serialise a storage tree as a version-3 compound file.

    Streams under 4096 bytes live in the mini stream; each storage's children form a balanced binary
    tree coloured as a valid red-black tree. Files needing more than 109 FAT sectors (~7 MB) are refused.
    """
    entries: list[dict] = []          # directory entries in id order

    def add(node: CfbStorage | CfbStream, is_root: bool = False) -> int:
        if len(node.name) > 31:
            raise ValueError(f"compound-file name too long: {node.name!r}")
        idx = len(entries)
        entries.append({"node": node, "type": 5 if is_root else (1 if isinstance(node, CfbStorage) else 2),
                        "left": _NOSTREAM, "right": _NOSTREAM, "child": _NOSTREAM, "color": 1})
        if isinstance(node, CfbStorage):
            keys = [_cfb_key(c.name) for c in node.children]
            if len(set(keys)) != len(keys):
                raise ValueError(f"duplicate names in storage {node.name!r}")
            ids = [add(c) for c in sorted(node.children, key=lambda c: _cfb_key(c.name))]
            entries[idx]["child"] = _tree(entries, ids)
        return idx

    add(root, is_root=True)

    mini = bytearray()
    minifat: list[int] = []
    big: list[tuple[dict, bytes]] = []
    for e in entries:
        node = e["node"]
        e["start"], e["size"] = (0, 0) if isinstance(node, CfbStorage) else (_END, len(node.data))
        if isinstance(node, CfbStream) and node.data:
            if len(node.data) < _CUTOFF:
                first = len(mini) // _MINI
                count = -(-len(node.data) // _MINI)
                minifat += [first + i + 1 for i in range(count - 1)] + [_END]
                mini += node.data + bytes(count * _MINI - len(node.data))
                e["start"] = first
            else:
                big.append((e, node.data))

    def sectors(n_bytes: int) -> int:
        return -(-n_bytes // _SECTOR)

    n_dir = sectors(len(entries) * 128)
    n_minifat = sectors(len(minifat) * 4)
    n_mini = sectors(len(mini))
    n_big = sum(sectors(len(d)) for _, d in big)
    payload = n_dir + n_minifat + n_mini + n_big
    n_fat = 1
    while n_fat * (_SECTOR // 4) < payload + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for this writer (needs DIFAT sectors)")

    fat = [_FREE] * (n_fat * _SECTOR // 4)
    cursor = 0

    def chain(count: int) -> int:
        nonlocal cursor
        if count == 0:
            return _END
        first = cursor
        for i in range(count):
            fat[cursor + i] = cursor + i + 1 if i < count - 1 else _END
        cursor += count
        return first

    for _ in range(n_fat):
        fat[cursor] = _FATSECT
        cursor += 1
    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    mini_start = chain(n_mini)
    entries[0]["start"], entries[0]["size"] = (mini_start, len(mini)) if mini else (_END, 0)
    body = bytearray()
    for e, d in big:
        e["start"] = chain(sectors(len(d)))
        body += d + bytes(sectors(len(d)) * _SECTOR - len(d))

    directory = bytearray()
    for e in entries:
        name = e["node"].name.encode("utf-16-le")
        clsid = e["node"].clsid if isinstance(e["node"], CfbStorage) else bytes(16)
        directory += (name + bytes(64 - len(name)) + struct.pack("<HBB3I", len(name) + 2, e["type"], e["color"],
                      e["left"], e["right"], e["child"]) + clsid + bytes(4 + 16)
                      + struct.pack("<IQ", e["start"], e["size"]))
    while len(directory) % _SECTOR:
        directory += bytes(64 + 4) + struct.pack("<3I", _NOSTREAM, _NOSTREAM, _NOSTREAM) + bytes(48)

    difat = list(range(n_fat)) + [_FREE] * (109 - n_fat)
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(16)
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, n_fat, dir_start, 0, _CUTOFF,
                            minifat_start, n_minifat, _END, 0)
              + struct.pack("<109I", *difat))
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += struct.pack("<I", _FREE) * ((n_minifat * _SECTOR - len(minifat_bytes)) // 4)
    return b"".join([header, struct.pack(f"<{len(fat)}I", *fat), bytes(directory), minifat_bytes,
                     bytes(mini) + bytes(n_mini * _SECTOR - len(mini)), bytes(body)])


def _tree(entries: list[dict], ids: list[int]) -> int:
    """Link sorted sibling ids as a balanced tree; colour the incomplete bottom level red."""
    if not ids:
        return _NOSTREAM
    full_depth = len(ids).bit_length() - 1      # depth of the deepest level that may be incomplete
    perfect = len(ids) == (1 << (full_depth + 1)) - 1

    def build(lo: int, hi: int, depth: int) -> int:
        if lo > hi:
            return _NOSTREAM
        mid = (lo + hi) // 2
        e = entries[ids[mid]]
        e["left"], e["right"] = build(lo, mid - 1, depth + 1), build(mid + 1, hi, depth + 1)
        e["color"] = 0 if depth == full_depth and not perfect else 1
        return ids[mid]

    return build(0, len(ids) - 1, 0)


# --------------------------------------------------------------------------------------------------
# The VBA project
# --------------------------------------------------------------------------------------------------
_VB_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_MODULE_TYPES = {0x21: "standard", 0x22: "document/class"}


@dataclass
class ModuleInfo:
    name: str
    stream: str
    kind: str          # "standard" or "document/class" (MODULETYPE record 0x21 / 0x22)
    offset: int        # MODULEOFFSET: where the compressed source starts in the module stream


def _parse_dir(raw: bytes) -> list[list]:
    """The decompressed dir stream as [id, payload] records (PROJECTVERSION's size field lies)."""
    records, i = [], 0
    while i + 6 <= len(raw):
        rid, size = struct.unpack_from("<HI", raw, i)
        if rid == 0x0009:
            size = 6
        records.append([rid, raw[i + 6:i + 6 + size]])
        i += 6 + size
    return records


def _build_dir(records: list[list]) -> bytes:
    return b"".join(struct.pack("<HI", rid, 4 if rid == 0x0009 else len(body)) + body for rid, body in records)


class VbaProject:
    """An in-memory vbaProject.bin whose modules can be replaced (source-only) and renamed."""

    def __init__(self, data: bytes) -> None:
        self.root = read_cfb(data)
        vba = self.root.get("VBA")
        dir_stream = vba.get("dir") if isinstance(vba, CfbStorage) else None
        if not isinstance(dir_stream, CfbStream):
            raise ValueError("not a VBA project: no VBA/dir stream")  # noqa: TRY004 (bad data, not bad type)
        self.vba: CfbStorage = vba  # type: ignore[assignment]
        self.records = _parse_dir(decompress(dir_stream.data))
        cp = next((struct.unpack("<H", b)[0] for r, b in self.records if r == 0x0003), 1252)
        self.codepage = f"cp{cp}"

    # -- reading ----------------------------------------------------------------------------------
    def _module_blocks(self) -> list[tuple[int, int]]:
        """(first, last) record indexes of every MODULE (0x0019 .. 0x002B)."""
        blocks, first = [], None
        for i, (rid, _) in enumerate(self.records):
            if rid == 0x0019:
                first = i
            elif rid == 0x002B and first is not None:
                blocks.append((first, i))
                first = None
        return blocks

    def modules(self) -> list[ModuleInfo]:
        """Every module listed in the dir stream, in project order."""
        out = []
        for first, last in self._module_blocks():
            recs = {rid: body for rid, body in self.records[first:last]}
            out.append(ModuleInfo(name=recs[0x0019].decode(self.codepage),
                                  stream=recs[0x001A].decode(self.codepage),
                                  kind=_MODULE_TYPES.get(next(r for r, _ in self.records[first:last]
                                                              if r in _MODULE_TYPES), "?"),
                                  offset=struct.unpack("<I", recs[0x0031])[0]))
        return out

    def module(self, name: str) -> ModuleInfo:
        for m in self.modules():
            if m.name.lower() == name.lower():
                return m
        raise KeyError(f"module {name!r} not in the VBA project")

    def source(self, name: str) -> str:
        """The module's source text (with its Attribute lines), decoded from the project code page."""
        m = self.module(name)
        stream = self.vba.get(m.stream)
        assert isinstance(stream, CfbStream)
        return decompress(stream.data[m.offset:]).decode(self.codepage)

    @property
    def project_name(self) -> str:
        return next(b for r, b in self.records if r == 0x0004).decode(self.codepage)

    def references(self) -> list[str]:
        """LibIdentifier strings of the project's registered / original references."""
        out = []
        for rid, body in self.records:
            if rid == 0x000D:                       # REFERENCEREGISTERED: SizeOfLibid, Libid, reserved
                out.append(body[4:4 + struct.unpack_from("<I", body)[0]].decode(self.codepage, "replace"))
            elif rid == 0x0033:                     # REFERENCEORIGINAL: LibidOriginal
                out.append(body.decode(self.codepage, "replace"))
        return out

    def _reference_spans(self) -> list[tuple[str, int, int]]:
        """(name, first record, record after the last) of each REFERENCE (MS-OVBA 2.3.4.2.2): an optional
        NameRecord (0x16, 0x3E), then REFERENCEORIGINAL (0x33) + REFERENCECONTROL (0x2F, optional name,
        0x30), a REFERENCECONTROL alone, REFERENCEREGISTERED (0x0D) or REFERENCEPROJECT (0x0E). They sit
        between PROJECTCONSTANTS (0x0C + 0x3C) and PROJECTMODULES (0x0F)."""
        ids = [rid for rid, _ in self.records]
        i, end = ids.index(0x000C) + 2, ids.index(0x000F)
        spans = []
        while i < end:
            first, name = i, ""
            if ids[i] == 0x0016:
                name = self.records[i][1].decode(self.codepage)
                i += 2 if ids[i + 1] == 0x003E else 1
            if ids[i] == 0x0033:
                i += 1
            if ids[i] == 0x002F:
                i += 1
                if ids[i] == 0x0016:
                    i += 2 if ids[i + 1] == 0x003E else 1
                if ids[i] != 0x0030:
                    raise ValueError(f"REFERENCECONTROL without its extended part at record {i}")
                i += 1
            elif ids[i] in (0x000D, 0x000E):
                i += 1
            else:
                raise ValueError(f"unknown reference record 0x{ids[i]:04X} at {i}")
            spans.append((name, first, i))
        return spans

    def reference_names(self) -> list[str]:
        """The names of the project's references (Tools > References), in order."""
        return [name for name, _, _ in self._reference_spans()]

    def remove_reference(self, name: str) -> None:
        """Drop a reference (its records in the dir stream). Only for one no module uses: the project is
        source-only, so Excel recompiles against the references that are left."""
        for ref, first, last in self._reference_spans():
            if ref.lower() == name.lower():
                del self.records[first:last]
                return
        raise KeyError(f"reference {name!r} not in the VBA project")

    # -- writing ----------------------------------------------------------------------------------
    def replace_module(self, name: str, source: str, *, new_name: str | None = None) -> None:
        """Store `source` as the module's only content (source-only), optionally renaming the module.

        The first `Attribute VB_Name` line is set to the (new) name; line ends become CRLF.
        """
        target = new_name or name
        if not _VB_IDENT.fullmatch(target):
            raise ValueError(f"not a VBA module name: {target!r}")
        info = self.module(name)
        if new_name and new_name.lower() != name.lower() and any(
                m.name.lower() == new_name.lower() for m in self.modules()):
            raise ValueError(f"module {new_name!r} already exists")
        text = _with_vb_name(source, target)
        stream = self.vba.get(info.stream)
        assert isinstance(stream, CfbStream)
        stream.data = _fit_source(text.encode(self.codepage))
        first, last = next(b for b in self._module_blocks() if self.records[b[0]][1].decode(self.codepage)
                           == info.name)
        for rec in self.records[first:last]:
            if rec[0] == 0x0031:
                rec[1] = struct.pack("<I", 0)
            elif new_name and rec[0] in (0x0019, 0x001A):
                rec[1] = new_name.encode(self.codepage)
            elif new_name and rec[0] in (0x0047, 0x0032):
                rec[1] = new_name.encode("utf-16-le")
        if new_name and new_name != info.name:
            stream.name = new_name
            self._rename_in_project_stream(info.name, new_name)
            self._rename_in_projectwm(info.name, new_name)

    def _rename_in_project_stream(self, old: str, new: str) -> None:
        """Rename the module in the PROJECT stream's module list and its [Workspace] section."""
        project = self.root.get("PROJECT")
        assert isinstance(project, CfbStream)
        listing = re.compile(rf"^(Module|Class|BaseClass|Document)={re.escape(old)}(/.*)?$", re.IGNORECASE)
        section, out = "", []
        for line in project.data.decode(self.codepage).split("\r\n"):
            if line.startswith("["):
                section = line
            elif not section and (m := listing.match(line)):
                line = f"{m.group(1)}={new}{m.group(2) or ''}"
            elif section.lower() == "[workspace]" and line.lower().startswith(old.lower() + "="):
                line = new + line[len(old):]
            out.append(line)
        project.data = "\r\n".join(out).encode(self.codepage)

    def _rename_in_projectwm(self, old: str, new: str) -> None:
        wm = self.root.get("PROJECTwm")
        if not isinstance(wm, CfbStream):
            return
        pairs, i, data = [], 0, wm.data
        while i < len(data) and data[i] != 0:
            j = data.index(b"\x00", i)
            mbcs = data[i:j]
            k = j + 1
            while data[k:k + 2] != b"\x00\x00":
                k += 2
            pairs.append((mbcs, data[j + 1:k]))
            i = k + 2
        out = bytearray()
        for mbcs, uni in pairs:
            if mbcs.decode(self.codepage).lower() == old.lower():
                mbcs, uni = new.encode(self.codepage), new.encode("utf-16-le")
            out += mbcs + b"\x00" + uni + b"\x00\x00"
        wm.data = bytes(out + b"\x00\x00")

    def to_bytes(self) -> bytes:
        """The project as a compound file: dir recompressed, _VBA_PROJECT without cache, no __SRP_ streams."""
        dir_stream = self.vba.get("dir")
        assert isinstance(dir_stream, CfbStream)
        dir_stream.data = compress(_build_dir(self.records))
        vp = self.vba.get("_VBA_PROJECT")
        assert isinstance(vp, CfbStream)
        # Reserved1 0x61CC, Version 0xFFFF (= no PerformanceCache), Reserved2 0x00, Reserved3 as found
        vp.data = b"\xCC\x61\xFF\xFF\x00" + (vp.data[5:7] if len(vp.data) >= 7 else b"\x00\x00")
        self.vba.children = [c for c in self.vba.children if not c.name.lower().startswith("__srp_")]
        return write_cfb(self.root)


def _with_vb_name(source: str, name: str) -> str:
    """Source with CRLF line ends whose first line is `Attribute VB_Name = "<name>"`."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [ln for ln in lines if not ln.startswith("Attribute VB_Name")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\r\n".join([f'Attribute VB_Name = "{name}"', *lines]) + "\r\n"


def _fit_source(src: bytes) -> bytes:
    """Compressed module source; pads with CRLFs in the (text-impossible) case of an incompressible tail."""
    while True:
        try:
            return compress(src)
        except IncompressibleTailError:
            src += b"\r\n"
