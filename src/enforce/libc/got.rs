//! Interposing libc functions in the global offset tables of loaded objects.
//!
//! A shared object (and a PIE executable such as `php` or `php-fpm`) calls an imported
//! function through a pointer in its GOT, filled by the dynamic linker from a relocation
//! naming the symbol: `R_X86_64_JUMP_SLOT` (calls through the PLT), `R_X86_64_GLOB_DAT`
//! (calls with `-fno-plt`, and taking the function's address) and `R_X86_64_64` (a
//! function pointer stored in data). [`patch_all`] walks every loaded object with
//! `dl_iterate_phdr`, reads its dynamic section, and rewrites each such slot that names
//! one of the interposed symbols to point at the guarded function. Slots inside the
//! object's RELRO segment are made writable with `mprotect` for the write and read-only
//! again after it. [`restore_all`] puts the real functions back into every slot that still
//! holds a guarded one (module shutdown, before this object can be unloaded).
//!
//! A guarding walk also reads the writable data of each object it has not seen before
//! (its `.data`, `.bss`, and its RELRO part: the GOT, and slots an ifunc resolver filled
//! through `R_X86_64_IRELATIVE`): a word pointing into one of the real functions (a
//! pointer a constructor saved, `connect + 16` stored at link time, an ifunc's choice) is
//! given the guarded function at the same offset, as the dynamic linker would have
//! written had the guarded function been the definition. Pointers kept in memory the
//! object allocated are not seen, nor the data of objects loaded before module start-up
//! (the README's "not covered" list).
//!
//! Objects left alone: this extension itself (it calls the real functions), the C library
//! and the dynamic linker (their internal calls use hidden aliases and never go through
//! a GOT slot: glibc's resolver traffic is not seen), and the vDSO.

#![allow(unsafe_code)]

use std::ffi::{c_int, c_void, CStr};

/// One interposed symbol: its name, the real function, and the guarded replacement.
#[derive(Clone, Copy, Debug)]
pub struct Interposed {
    /// The symbol name as it appears in dynamic symbol tables ("connect").
    pub name: &'static CStr,
    /// The C library's function.
    pub real: usize,
    /// The guarded function this extension provides.
    pub guarded: usize,
}

const DT_NULL: i64 = 0;
const DT_PLTRELSZ: i64 = 2;
const DT_STRTAB: i64 = 5;
const DT_SYMTAB: i64 = 6;
const DT_RELA: i64 = 7;
const DT_RELASZ: i64 = 8;
const DT_STRSZ: i64 = 10;
const DT_JMPREL: i64 = 23;
const DT_RELACOUNT: i64 = 0x6fff_fff9;
const DT_GNU_HASH: i64 = 0x6fff_fef5;

const R_X86_64_64: u32 = 1;
const R_X86_64_GLOB_DAT: u32 = 6;
const R_X86_64_JUMP_SLOT: u32 = 7;

#[repr(C)]
struct Dyn {
    tag: i64,
    val: u64,
}

#[repr(C)]
struct Rela {
    offset: u64,
    info: u64,
    addend: i64,
}

#[repr(C)]
struct Sym {
    name: u32,
    info: u8,
    other: u8,
    shndx: u16,
    value: u64,
    size: u64,
}

/// What to do with each matching slot.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Point slots at the guarded functions.
    Guard,
    /// Point slots holding a guarded function back at the real one.
    Restore,
}

struct Walk<'a> {
    table: &'a [Interposed],
    /// Which entries of `table` (one bit each) a name's first byte, and its second, could
    /// match: most imported names share neither with any interposed one (`php_*` and
    /// `pthread_create` only their first).
    firsts: Filter,
    /// The interposed names' first four bytes (see [`Prefixes`]).
    prefixes: Prefixes,
    direction: Direction,
    /// The GNU hash of each entry's name, its bloom filter word (before masking by the
    /// filter's size) and its first bit there (for objects' bloom filters).
    hashes: Vec<(u32, usize, u64)>,
    /// The load address of this extension (skipped).
    own_base: usize,
    /// Slots written.
    written: usize,
    /// Whether an object was passed over because its loading had not finished.
    deferred: bool,
    /// [`imports`]' answer for the object being walked (one buffer for every object).
    found: Vec<u8>,
}

/// Guard every matching slot of every loaded object; returns how many slots were written.
pub fn patch_all(table: &[Interposed]) -> usize {
    walk(table, Direction::Guard)
}

/// Give every slot that holds a guarded function its real function back.
pub fn restore_all(table: &[Interposed]) -> usize {
    walk(table, Direction::Restore)
}

/// For each of a name's first [`FILTERED`] bytes and each byte value, the entries whose
/// name has that byte there: most imported names differ from every interposed one within
/// them (`__cxa_*` from `__connect`, `getenv` from `gethostbyname`), and are passed over
/// without a comparison.
struct Filter([[u64; 256]; FILTERED]);

const FILTERED: usize = 4;

impl Filter {
    fn new(table: &[Interposed]) -> Filter {
        assert!(table.len() <= 64, "one bit per interposed symbol");
        let mut f = Filter([[0; 256]; FILTERED]);
        for (i, e) in table.iter().enumerate() {
            let name = e.name.to_bytes_with_nul();
            for (k, position) in f.0.iter_mut().enumerate() {
                position[usize::from(name.get(k).copied().unwrap_or(0))] |= 1 << i;
            }
        }
        f
    }

    /// The entries the NUL-terminated `name` could be.
    ///
    /// # Safety
    /// `name` points to a NUL-terminated string.
    unsafe fn candidates(&self, name: *const u8) -> u64 {
        let mut candidates = u64::MAX;
        for (k, position) in self.0.iter().enumerate() {
            let byte = *name.add(k);
            candidates &= position[usize::from(byte)];
            if candidates == 0 || byte == 0 {
                break;
            }
        }
        candidates
    }
}

/// dladdr1: return the symbol table entry.
const RTLD_DL_SYMENT: c_int = 1;

/// Each real function's address range and its guarded function, for the data scan.
fn ranges(table: &[Interposed]) -> &'static [(usize, usize, usize)] {
    static RANGES: std::sync::OnceLock<Vec<(usize, usize, usize)>> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        let mut v = Vec::new();
        for e in table {
            let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
            let mut sym: *const libc::Elf64_Sym = std::ptr::null();
            // SAFETY: dladdr1 with RTLD_DL_SYMENT fills `info` and points `sym` at the
            // dynamic symbol table entry of the function at that address.
            let found = unsafe {
                libc::dladdr1(e.real as *const c_void, &mut info, (&mut sym as *mut *const libc::Elf64_Sym).cast(), RTLD_DL_SYMENT)
            } != 0;
            let size = if found && !sym.is_null() { unsafe { (*sym).st_size as usize } } else { 0 };
            if !v.iter().any(|&(real, _, _)| real == e.real) {
                v.push((e.real, size.max(1), e.guarded));
            }
        }
        v
    })
}

/// Count every object loaded now as scanned: module start-up does not read the data of the
/// objects loaded before it (reading PHP's own `.data` and `.bss` would cost more than the
/// rest of start-up; their pointers were saved before any request ran).
pub fn skip_scan_of_loaded() {
    unsafe extern "C" fn note(info: *mut libc::dl_phdr_info, _size: usize, _data: *mut c_void) -> c_int {
        SCANNED.lock().push((*info).dlpi_addr as usize);
        0
    }
    // SAFETY: the callback reads one field of each object's info.
    unsafe { libc::dl_iterate_phdr(Some(note), std::ptr::null_mut()) };
}

/// Objects whose data was scanned (their load addresses).
static SCANNED: crate::sync::PthreadMutex<Vec<usize>> = crate::sync::PthreadMutex::new(Vec::new());

fn walk(table: &[Interposed], direction: Direction) -> usize {
    let mut w = Walk {
        table,
        firsts: Filter::new(table),
        prefixes: Prefixes::new(table),
        hashes: table
            .iter()
            .map(|e| {
                let h = gnu_hash(e.name.to_bytes());
                (h, (h / 64) as usize, 1u64 << (h % 64))
            })
            .collect(),
        direction,
        own_base: own_base(),
        written: 0,
        deferred: false,
        found: Vec::new(),
    };
    // Wait for another thread's dlopen to finish first: dlopen takes the dynamic linker's
    // load lock, which that dlopen holds until its objects are relocated and initialised,
    // and dl_iterate_phdr lists an object before it is relocated. (This narrows the window
    // in which a walk could write a slot the dynamic linker has yet to relocate, or make
    // its RELRO page read-only under it; a dlopen starting after this call can still
    // overlap the walk: `visit` passes over an object not yet relocated, see [`relocated`].)
    // SAFETY: dlopen(NULL, RTLD_NOLOAD) only returns the main program's handle.
    unsafe { libc::dlopen(std::ptr::null(), libc::RTLD_LAZY | libc::RTLD_NOLOAD) };
    // What the callback looks up through the dynamic linker (`dlsym`, `dladdr1`: they take
    // its load lock) is looked up now, outside the lock dl_iterate_phdr holds.
    find_object();
    if direction == Direction::Guard {
        ranges(table);
    }
    // SAFETY: the callback only reads the program headers dl_iterate_phdr hands it, and
    // the dynamic sections and relocation tables they point to, of objects the dynamic
    // linker keeps loaded for the duration of the call (it holds its load lock).
    unsafe { libc::dl_iterate_phdr(Some(visit), (&mut w as *mut Walk<'_>).cast()) };
    if w.deferred {
        // The next look at glibc's count of loaded objects walks again.
        super::loads::walk_again();
    }
    w.written
}

type FindObject = unsafe extern "C" fn(*mut c_void, *mut DlFindObject) -> c_int;

/// glibc's `_dl_find_object`, looked up once (`None` before glibc 2.35). First called by
/// [`walk`] before `dl_iterate_phdr`, never inside its callback: `dlsym` takes the dynamic
/// linker's load lock, and taking it under the lock `dl_iterate_phdr` holds reverses the
/// order `dlopen` takes the two in (a deadlock with another thread's `dlopen`).
fn find_object() -> Option<FindObject> {
    static FIND: std::sync::OnceLock<Option<FindObject>> = std::sync::OnceLock::new();
    *FIND.get_or_init(|| {
        // SAFETY: dlsym of a function with this signature, or null on an older glibc.
        unsafe {
            let f = libc::dlsym(libc::RTLD_DEFAULT, c"_dl_find_object".as_ptr());
            (!f.is_null()).then(|| std::mem::transmute::<*mut c_void, FindObject>(f))
        }
    })
}

/// `struct dl_find_object` (glibc 2.35).
#[repr(C)]
struct DlFindObject {
    flags: u64,
    map_start: usize,
    map_end: usize,
    link_map: *mut c_void,
    eh_frame: *mut c_void,
    reserved: [u64; 7],
}

/// Whether the dynamic linker has finished relocating the object whose dynamic section
/// is at `dynamic` (`true` when that cannot be told).
///
/// `dl_iterate_phdr` lists an object as soon as another thread's `dlopen` mapped it, before
/// that `dlopen` relocated it and made its RELRO segment read-only: a slot written then
/// would be overwritten with the real function, and a RELRO page made read-only under the
/// linker would crash it. glibc's `_dl_find_object` (2.35; lock-free) knows an object only
/// once its `dlopen` got past relocation; such an object is left for the walk that follows
/// its `dlopen` (the guarded `dlopen`, or the look at glibc's count of loaded objects).
unsafe fn relocated(dynamic: usize) -> bool {
    let Some(find) = find_object() else { return true };
    let mut found: DlFindObject = std::mem::zeroed();
    find(dynamic as *mut c_void, &mut found) == 0 && found.map_start <= dynamic && dynamic < found.map_end
}

/// The base address of the object containing this code.
fn own_base() -> usize {
    object_containing(own_base as *const () as usize).unwrap_or(0)
}

/// The load address of the loaded object one of whose segments holds `address`, read from
/// the program headers (`dladdr` would also look for the nearest symbol, reading the
/// object's whole symbol table).
pub fn object_containing(address: usize) -> Option<usize> {
    struct Search {
        address: usize,
        base: Option<usize>,
    }
    unsafe extern "C" fn visit(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
        let search = &mut *data.cast::<Search>();
        let info = &*info;
        let base = info.dlpi_addr as usize;
        let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
        let inside = phdrs.iter().any(|ph| {
            ph.p_type == libc::PT_LOAD && search.address.wrapping_sub(base + ph.p_vaddr as usize) < ph.p_memsz as usize
        });
        if inside {
            search.base = Some(base);
            return 1;
        }
        0
    }
    let mut search = Search { address, base: None };
    // SAFETY: the callback reads the program headers dl_iterate_phdr hands it.
    unsafe { libc::dl_iterate_phdr(Some(visit), (&mut search as *mut Search).cast()) };
    search.base
}

/// The hash of `DT_GNU_HASH` tables.
fn gnu_hash(name: &[u8]) -> u32 {
    name.iter().fold(5381u32, |h, &c| h.wrapping_mul(33).wrapping_add(u32::from(c)))
}

/// The dynamic symbols of an object that are interposed, read into `found`: by symbol
/// index, the entry's index plus one (0: none; indices past the end: none). False when
/// that cannot be told from the object's GNU hash table (it has none): then every
/// relocation is looked at by name.
///
/// The dynamic symbols below the table's `symoffset` are those left out of the hash
/// table: the undefined ones, which is what an object imports; they are read by name.
/// An interposed name the object defines itself is in the hash table: each name its bloom
/// filter lets through is looked up in the table's chain (a few per object, against every
/// relocation's name when the filter alone decided). Reading these is much cheaper than
/// reading every relocation, and most objects have none of the interposed symbols (they
/// are then skipped whole).
///
/// # Safety
/// `gnu_hash`, `symtab` and `strtab` are the object's live tables.
unsafe fn imports(w: &Walk<'_>, gnu_hash: usize, obj: &Object, found: &mut Vec<u8>) -> bool {
    found.clear();
    if gnu_hash == 0 {
        return false;
    }
    let header = gnu_hash as *const u32;
    let (nbuckets, symoffset, bloom_size, bloom_shift) = (*header, *header.add(1), *header.add(2), *header.add(3));
    // The bloom filter's size is a power of two (the dynamic linker masks with it too).
    if nbuckets == 0 || bloom_size == 0 || !bloom_size.is_power_of_two() {
        return false;
    }
    let bloom = header.add(4).cast::<u64>();
    let buckets = bloom.add(bloom_size as usize).cast::<u32>();
    let chains = buckets.add(nbuckets as usize);
    let mut mark = |index: usize, entry: usize| {
        if found.len() <= index {
            found.resize(index + 1, 0);
        }
        found[index] = entry as u8 + 1;
    };
    let (words, shift) = (bloom_size as usize - 1, bloom_shift % 32);
    for (entry, &(h, word_index, bit)) in w.hashes.iter().enumerate() {
        let word = *bloom.add(word_index & words);
        if word & bit == 0 || word & (1u64 << ((h >> shift) % 64)) == 0 {
            continue;
        }
        let mut index = *buckets.add((h % nbuckets) as usize);
        if index < symoffset {
            continue;
        }
        loop {
            let chained = *chains.add((index - symoffset) as usize);
            if chained | 1 == h | 1 {
                let sym = &*(obj.symtab as *const Sym).add(index as usize);
                if obj.name(sym).is_some_and(|name| same_name(name, w.table[entry].name)) {
                    mark(index as usize, entry);
                }
            }
            if chained & 1 != 0 {
                break;
            }
            index += 1;
        }
    }
    // Every name below `symoffset` is passed through the prefix filter first (most
    // imported names are rejected by their first four bytes with one load); the few that
    // pass are compared by name. (A defined symbol below `symoffset`, such as a section's,
    // has a name that matches no interposed one, or is guarded all the same.)
    let symbols = std::slice::from_raw_parts(obj.symtab as *const Sym, symoffset as usize);
    let mut index = 1;
    while let Some(next) = w.prefixes.next_passing(symbols, index, obj.strtab, obj.strsz) {
        if let Some(entry) = obj.entry_named(&symbols[next], w.table, &w.firsts) {
            mark(next, entry);
        }
        index = next + 1;
    }
    true
}

/// A table of the first four bytes (as a little-endian word, the name's NUL and what
/// follows it included for shorter names) of every interposed name, hashed to 4,096 flags:
/// an imported name whose flag is clear is none of them.
struct Prefixes(Box<[bool; 4096]>);

impl Prefixes {
    fn new(table: &[Interposed]) -> Prefixes {
        let mut p = Prefixes(Box::new([false; 4096]));
        for e in table {
            let name = e.name.to_bytes_with_nul();
            if name.len() < 4 {
                // Shorter than four bytes with its NUL: what follows the NUL is unknown,
                // so every prefix passes.
                p.0.fill(true);
                continue;
            }
            p.0[Prefixes::slot(u32::from_le_bytes([name[0], name[1], name[2], name[3]]))] = true;
        }
        p
    }

    fn slot(prefix: u32) -> usize {
        (prefix.wrapping_mul(0x9e37_79b1) >> 20) as usize
    }

    /// The index of the first symbol from `from` on whose name passes the filter (or lies
    /// too near the string table's end to be read by four bytes).
    ///
    /// # Safety
    /// `strtab` is the string table (`strsz` bytes) the symbols' names point into.
    #[inline(never)]
    unsafe fn next_passing(&self, symbols: &[Sym], from: usize, strtab: usize, strsz: usize) -> Option<usize> {
        let rest = symbols.get(from..)?;
        // A name starting below `limit` has four bytes inside the string table.
        let limit = strsz.saturating_sub(3);
        let flags = &*self.0;
        rest.iter()
            .position(|sym| {
                let offset = sym.name as usize;
                offset >= limit || flags[Prefixes::slot(((strtab + offset) as *const u32).read_unaligned())]
            })
            .map(|i| from + i)
    }
}

fn skipped(name: &[u8]) -> bool {
    let file = name.rsplit(|&b| b == b'/').next().unwrap_or(name);
    file.starts_with(b"libc.so")
        || file.starts_with(b"ld-linux")
        || file.starts_with(b"linux-vdso")
        || file.starts_with(b"linux-gate")
}

unsafe extern "C" fn visit(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
    let w = &mut *data.cast::<Walk<'_>>();
    let info = &*info;
    let base = info.dlpi_addr as usize;
    let name: &[u8] = if info.dlpi_name.is_null() { b"" } else { CStr::from_ptr(info.dlpi_name).to_bytes() };
    if skipped(name) || (base != 0 && base == w.own_base) {
        return 0;
    }
    let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
    let mut dynamic = None;
    let mut relro = None;
    for ph in phdrs {
        match ph.p_type {
            libc::PT_DYNAMIC => dynamic = Some(base + ph.p_vaddr as usize),
            libc::PT_GNU_RELRO => relro = Some((base + ph.p_vaddr as usize, ph.p_memsz as usize)),
            _ => {}
        }
    }
    let Some(dynamic) = dynamic else { return 0 };
    if !relocated(dynamic) {
        w.deferred = true;
        return 0;
    }
    if w.direction == Direction::Guard {
        w.written += scan_data(info, relro, w.table);
    }
    // The dynamic linker has relocated most d_ptr values in place for ordinary objects;
    // the vDSO and some loaders leave them relative. An address below the base is relative.
    let abs = |v: u64| {
        let v = v as usize;
        if v < base {
            v + base
        } else {
            v
        }
    };
    let (mut strtab, mut strsz, mut symtab) = (0usize, 0usize, 0usize);
    let (mut rela, mut relasz, mut jmprel, mut pltrelsz) = (0usize, 0usize, 0usize, 0usize);
    let (mut relacount, mut gnu_hash) = (0usize, 0usize);
    let mut d = dynamic as *const Dyn;
    while (*d).tag != DT_NULL {
        match (*d).tag {
            DT_STRTAB => strtab = abs((*d).val),
            DT_STRSZ => strsz = (*d).val as usize,
            DT_SYMTAB => symtab = abs((*d).val),
            DT_RELA => rela = abs((*d).val),
            DT_RELASZ => relasz = (*d).val as usize,
            DT_JMPREL => jmprel = abs((*d).val),
            DT_PLTRELSZ => pltrelsz = (*d).val as usize,
            DT_RELACOUNT => relacount = (*d).val as usize,
            DT_GNU_HASH => gnu_hash = abs((*d).val),
            _ => {}
        }
        d = d.add(1);
    }
    if strtab == 0 || symtab == 0 {
        return 0;
    }
    let obj = Object {
        base,
        strtab,
        strsz,
        symtab,
        relro,
    };
    let mut found = std::mem::take(&mut w.found);
    let by_index = imports(w, gnu_hash, &obj, &mut found);
    if by_index && found.is_empty() {
        w.found = found;
        return 0;
    }
    // DT_RELACOUNT R_X86_64_RELATIVE entries (no symbol) come first in .rela.dyn: most of
    // an object's relocations, skipped without a look.
    for (table, size, skip) in [(jmprel, pltrelsz, 0), (rela, relasz, relacount)] {
        if table == 0 || size == 0 {
            continue;
        }
        let relocs = std::slice::from_raw_parts(table as *const Rela, size / std::mem::size_of::<Rela>());
        let relocs = relocs.get(skip..).unwrap_or_default();
        if by_index {
            for r in relocs {
                // The symbol index is r_info's upper half: read alone (x86-64 is little-endian).
                let index = (r as *const Rela).cast::<u32>().add(3).read();
                if let Some(&e) = found.get(index as usize) {
                    if e != 0 {
                        w.written += obj.apply(r, &w.table[usize::from(e) - 1], w.direction);
                    }
                }
            }
        } else {
            for r in relocs {
                if let Some(entry) = obj.entry_for(r, w.table, &w.firsts) {
                    w.written += obj.apply(r, &w.table[entry], w.direction);
                }
            }
        }
    }
    w.found = found;
    0
}

/// Give guarded functions to the words of `info`'s writable segments that point into a
/// real one, the first time an object is seen.
unsafe fn scan_data(info: &libc::dl_phdr_info, relro: Option<(usize, usize)>, table: &[Interposed]) -> usize {
    let base = info.dlpi_addr as usize;
    {
        let mut scanned = SCANNED.lock();
        if scanned.contains(&base) {
            return 0;
        }
        scanned.push(base);
    }
    let ranges = ranges(table);
    let lo = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let hi = ranges.iter().map(|r| r.0 + r.1).max().unwrap_or(0);
    let obj = Object { base, strtab: 0, strsz: 0, symtab: 0, relro };
    let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
    let mut written = 0;
    for ph in phdrs.iter().filter(|p| p.p_type == libc::PT_LOAD && p.p_flags & libc::PF_W != 0) {
        let start = (base + ph.p_vaddr as usize + 7) & !7;
        let end = base + ph.p_vaddr as usize + ph.p_memsz as usize;
        let words = std::slice::from_raw_parts(start as *const usize, end.saturating_sub(start) / 8);
        for (i, &word) in words.iter().enumerate() {
            if word < lo || word >= hi {
                continue;
            }
            if let Some(&(real, _, guarded)) = ranges.iter().find(|&&(real, size, _)| word.wrapping_sub(real) < size) {
                obj.write((start + i * 8) as *mut usize, guarded + (word - real));
                written += 1;
            }
        }
    }
    written
}

struct Object {
    base: usize,
    strtab: usize,
    strsz: usize,
    symtab: usize,
    relro: Option<(usize, usize)>,
}

impl Object {
    /// The interposed symbol a relocation names, as an index into `table`.
    unsafe fn entry_for(&self, r: &Rela, table: &[Interposed], firsts: &Filter) -> Option<usize> {
        let sym_index = (r.info >> 32) as usize;
        if sym_index == 0 {
            return None;
        }
        self.entry_named(&*(self.symtab as *const Sym).add(sym_index), table, firsts)
    }

    /// The NUL-terminated name of `sym` (None: past the string table).
    unsafe fn name(&self, sym: &Sym) -> Option<*const u8> {
        if self.strsz != 0 && sym.name as usize >= self.strsz {
            return None;
        }
        Some((self.strtab + sym.name as usize) as *const u8)
    }

    /// The interposed symbol `sym` is, as an index into `table`.
    unsafe fn entry_named(&self, sym: &Sym, table: &[Interposed], firsts: &Filter) -> Option<usize> {
        let name = self.name(sym)?;
        let candidates = firsts.candidates(name);
        if candidates == 0 {
            return None;
        }
        let mut rest = candidates;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            if i < table.len() && same_name(name, table[i].name) {
                return Some(i);
            }
            rest &= rest - 1;
        }
        None
    }

    /// Apply one relocation's slot change for the interposed symbol it names.
    unsafe fn apply(&self, r: &Rela, entry: &Interposed, direction: Direction) -> usize {
        let kind = (r.info & 0xffff_ffff) as u32;
        if !matches!(kind, R_X86_64_64 | R_X86_64_GLOB_DAT | R_X86_64_JUMP_SLOT) {
            return 0;
        }
        let slot = (self.base + r.offset as usize) as *mut usize;
        let current = slot.read_volatile();
        let new = match direction {
            Direction::Guard => {
                // A pointer with an addend is not a call target; a lazily bound JUMP_SLOT
                // holds its PLT stub and is guarded all the same.
                if current == entry.guarded || (kind == R_X86_64_64 && current != entry.real) {
                    return 0;
                }
                entry.guarded
            }
            Direction::Restore => {
                if current != entry.guarded {
                    return 0;
                }
                entry.real
            }
        };
        self.write(slot, new);
        1
    }

    /// Write a slot, lifting RELRO protection around the write when the slot is in it.
    unsafe fn write(&self, slot: *mut usize, value: usize) {
        let addr = slot as usize;
        let page = page_size();
        // The dynamic linker makes read-only exactly the whole pages of the RELRO segment
        // (its start rounded down, its end rounded down); the rest stays writable.
        let in_relro = self.relro.is_some_and(|(start, len)| {
            let (lo, hi) = (start & !(page - 1), (start + len) & !(page - 1));
            addr >= lo && addr < hi
        });
        if !in_relro {
            slot.write_volatile(value);
            return;
        }
        let start = addr & !(page - 1);
        let len = page;
        if libc::mprotect(start as *mut c_void, len, libc::PROT_READ | libc::PROT_WRITE) != 0 {
            // The slot keeps the real function: fail closed until a walk can write it.
            super::unguarded::failed(addr, *libc::__errno_location());
            return;
        }
        slot.write_volatile(value);
        libc::mprotect(start as *mut c_void, len, libc::PROT_READ);
        super::unguarded::fixed(addr);
    }
}

/// Whether the NUL-terminated name at `name` is `want`.
///
/// # Safety
/// `name` points to a NUL-terminated string.
unsafe fn same_name(name: *const u8, want: &CStr) -> bool {
    let want = want.to_bytes_with_nul();
    for (i, &b) in want.iter().enumerate() {
        if *name.add(i) != b {
            return false;
        }
    }
    true
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}
