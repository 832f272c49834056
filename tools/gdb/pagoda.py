"""GDB commands that look inside a running Pagoda kernel from outside.

Loaded by tools/gdb/gdbinit. Each command reads the kernel's own data
structures (zones[], cache_chain, current->mm, mem_map, the page tables)
through QEMU's gdbstub and prints them in the format the kernel's monitor
uses, so the two can be compared line by line. tools/gdb/README.md lists
the commands.
"""
import re
import gdb

PAGE_OFFSET = 0xC0000000        # arch/i386/include/asm/page.h; also TASK_SIZE
PAGE_SHIFT = 12
PGDIR_SHIFT = 22

# Entry bits (arch/i386/include/asm/pgtable.h)
_PAGE_PRESENT = 0x001
_PAGE_RW = 0x002
_PAGE_USER = 0x004
_PAGE_PCD = 0x010
_PAGE_ACCESSED = 0x020
_PAGE_DIRTY = 0x040
_PAGE_PSE = 0x080
_PAGE_GLOBAL = 0x100

# Page-fault error code bits (arch/i386/mm/fault.c)
PF_PROT = 0x01
PF_WRITE = 0x02
PF_USER = 0x04
PF_RSVD = 0x08
PF_INSTR = 0x10

# Zone index in the top two bits of page->flags (include/linux/page.h)
ZONES_PGSHIFT = 30
ZONES_MASK = 3

CR0_PG = 1 << 31
CR4_PAE = 1 << 5
CR4_SMEP = 1 << 20


def u32(value):
    return int(value) & 0xFFFFFFFF


def parse_address(arg, usage):
    """An expression GDB understands: 0xc0100000, &mem_map, $eip, ..."""
    if not arg.strip():
        raise gdb.GdbError("usage: " + usage)
    try:
        v = gdb.parse_and_eval(arg)
        if v.type.strip_typedefs().code in (gdb.TYPE_CODE_FUNC, gdb.TYPE_CODE_ARRAY):
            v = v.address       # a function or linker symbol (_text) names its address
        return u32(v)
    except gdb.error as e:
        raise gdb.GdbError("%s: %s (usage: %s)" % (arg, e, usage))


def register(name):
    """A register's value, or None if the gdbstub does not send it."""
    try:
        return u32(gdb.parse_and_eval("$" + name))
    except gdb.error:
        return None


def cstring(ptr):
    return ptr.string() if u32(ptr) else None


def container_of(ptr, type_name, member):
    """The struct of type type_name whose member is at address ptr."""
    t = gdb.lookup_type(type_name)
    offset = u32(gdb.parse_and_eval("(unsigned long)&((%s *)0)->%s" % (type_name, member)))
    return gdb.Value(u32(ptr) - offset).cast(t.pointer()).dereference()


def list_entries(head, type_name, member):
    """The structs on a kernel list_head, in list order (list_for_each_entry)."""
    node = head["next"]
    while u32(node) != u32(head.address):
        yield container_of(node, type_name, member)
        node = node["next"]


class PhysicalMemory:
    """Read physical memory while the `with` block lasts.

    QEMU's gdbstub reads and writes physical addresses after the packet
    Qqemu.PhyMemMode:1 and virtual ones again after :0. Another stub has
    no such mode; then only lowmem can be read, through the direct map.
    """

    def __enter__(self):
        reply = gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
        self.physical = '"OK"' in reply
        return self

    def __exit__(self, *exc):
        if self.physical:
            gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)
        return False

    def u32(self, paddr):
        addr = paddr
        if not self.physical:
            lowmem_end = int(gdb.parse_and_eval("max_low_pfn")) << PAGE_SHIFT
            if paddr >= lowmem_end:
                raise gdb.GdbError("phys %#x is above lowmem and this gdbstub has no "
                                   "Qqemu.PhyMemMode: cannot read it" % paddr)
            addr = PAGE_OFFSET + paddr
        try:
            data = gdb.selected_inferior().read_memory(addr, 4)
        except gdb.MemoryError:
            raise gdb.GdbError("cannot read phys %#010x" % paddr)
        return int.from_bytes(bytes(data), "little")


def entry_flags(e):
    """Decoded like arch/i386/mm/pgwalk.c's print_flags()."""
    return "%s %s %s%s%s%s%s%s" % (
        "P" if e & _PAGE_PRESENT else "-", "RW" if e & _PAGE_RW else "RO",
        "U" if e & _PAGE_USER else "S", " A" if e & _PAGE_ACCESSED else "",
        " D" if e & _PAGE_DIRTY else "", " PSE" if e & _PAGE_PSE else "",
        " G" if e & _PAGE_GLOBAL else "", " PCD" if e & _PAGE_PCD else "")


def page_directory():
    """Physical address of the page directory the CPU is using now."""
    cr3 = register("cr3")
    if cr3 is not None:
        if not (register("cr0") or 0) & CR0_PG:
            raise gdb.GdbError("paging is off (CR0.PG = 0): virtual addresses are physical")
        if (register("cr4") or 0) & CR4_PAE:
            raise gdb.GdbError("CR4.PAE is set: these are not Pagoda's two-level page tables")
        return cr3 & ~0xFFF
    # No control registers from this gdbstub: the page directory the kernel
    # switched to last is current's, or swapper_pg_dir before the first task.
    task = gdb.parse_and_eval("current")
    if u32(task) and u32(task["mm"]):
        return u32(task["mm"]["pgd"]) - PAGE_OFFSET
    return u32(gdb.parse_and_eval("swapper_pg_dir")) - PAGE_OFFSET


def walk(vaddr):
    """The lines of arch/i386/mm/pgwalk.c's pgwalk() for vaddr under the current CR3."""
    pgd = page_directory()
    pgd_idx, pte_idx, offset = vaddr >> PGDIR_SHIFT, (vaddr >> PAGE_SHIFT) & 1023, vaddr & 0xFFF
    lines = ["pgwalk 0x%08x: pgd 0x%08x, index %u (bits 31-22), %u (bits 21-12), offset %#x"
             % (vaddr, pgd, pgd_idx, pte_idx, offset)]
    with PhysicalMemory() as phys:
        pde = phys.u32(pgd + 4 * pgd_idx)
        lines.append("  pde[%4u] = %08x  %s" % (pgd_idx, pde, entry_flags(pde)))
        if not pde & _PAGE_PRESENT:
            lines.append("  not mapped: no page table")
            return lines
        if pde & _PAGE_PSE:
            lines.append("  4 MiB page: phys 0x%08x" % ((pde & 0xFFC00000) | (vaddr & 0x3FFFFF)))
            return lines
        pte = phys.u32((pde & 0xFFFFF000) + 4 * pte_idx)
    lines.append("  pte[%4u] = %08x  %s" % (pte_idx, pte, entry_flags(pte)))
    if not pte & _PAGE_PRESENT:
        lines.append("  not mapped: PTE not present")
        return lines
    lines.append("  phys 0x%08x (pfn %#x)" % ((pte & 0xFFFFF000) | offset, pte >> PAGE_SHIFT))
    return lines


class PagodaCommand(gdb.Command):
    """Base: a command with a usage line, whose errors are one clean message."""

    usage = ""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        try:
            self.run(arg.strip())
        except gdb.MemoryError as e:
            raise gdb.GdbError("%s: cannot read kernel memory (%s); is the kernel booted?"
                               % (self.usage.split()[0], e))
        except gdb.error as e:
            raise gdb.GdbError("%s: %s" % (self.usage.split()[0], e))


class PgWalk(PagodaCommand):
    """Walk the page tables of the current CR3 for VADDR, through physical memory.

Usage: pg-walk VADDR   (any expression: 0xc0100000, &mem_map, $eip)
Prints each level with its flags decoded and the physical address, in the
format of the kernel's own pgwalk (monitor: pgwalk VADDR). A walk that
reaches a frame leaves its pfn in $walk_pfn (for `page $walk_pfn`)."""

    usage = "pg-walk VADDR"

    def __init__(self):
        super().__init__("pg-walk")

    def run(self, arg):
        for line in walk(parse_address(arg, self.usage)):
            print(line)
            m = re.match(r"  phys 0x[0-9a-f]+ \(pfn (0x[0-9a-f]+|0)\)$", line)
            if m:
                gdb.set_convenience_variable("walk_pfn", int(m.group(1), 16))


def all_zones():
    zones = gdb.parse_and_eval("zones")
    n = zones.type.range()[1] + 1
    return [zones[i] for i in range(n)]


def zone_name(zone):
    return cstring(zone["name"]) or "?"


class BuddyInfo(PagodaCommand):
    """Free blocks of each order in each zone, as /proc/buddyinfo (zones[].free_area[].nr_free)."""

    usage = "buddyinfo"

    def __init__(self):
        super().__init__("buddyinfo")

    def run(self, arg):
        for zone in all_zones():
            if not int(zone["present_pages"]):
                continue
            area = zone["free_area"]
            orders = area.type.range()[1] + 1
            print("Node %d, zone %8s " % (0, zone_name(zone))
                  + "".join("%6u " % int(area[o]["nr_free"]) for o in range(orders)))


# mm/vmstat.c's node_stat_text and zone_stat_text, in order (Linux 6.1's names).
NODE_STATS = (
    "nr_inactive_anon nr_active_anon nr_inactive_file nr_active_file nr_unevictable nr_slab_reclaimable "
    "nr_slab_unreclaimable nr_isolated_anon nr_isolated_file workingset_nodes workingset_refault_anon "
    "workingset_refault_file workingset_activate_anon workingset_activate_file workingset_restore_anon "
    "workingset_restore_file workingset_nodereclaim nr_anon_pages nr_mapped nr_file_pages nr_dirty "
    "nr_writeback nr_writeback_temp nr_shmem nr_shmem_hugepages nr_shmem_pmdmapped nr_file_hugepages "
    "nr_file_pmdmapped nr_anon_transparent_hugepages nr_vmscan_write nr_vmscan_immediate_reclaim "
    "nr_dirtied nr_written nr_throttled_written nr_kernel_misc_reclaimable nr_foll_pin_acquired "
    "nr_foll_pin_released nr_kernel_stack nr_page_table_pages nr_sec_page_table_pages nr_swapcached").split()
ZONE_STATS = ("nr_free_pages nr_zone_inactive_anon nr_zone_active_anon nr_zone_inactive_file "
              "nr_zone_active_file nr_zone_unevictable nr_zone_write_pending nr_mlock nr_bounce "
              "nr_zspages nr_free_cma").split()


def node_stats():
    """The per-node counters Pagoda keeps, as mm/vmstat.c's vm_stat_value works them out."""
    ptes = 0
    seen = set()
    init = gdb.parse_and_eval("init_task")
    for t in list_entries(init["tasks"], "struct task_struct", "tasks"):
        mm = t["mm"]
        if not u32(mm) or u32(mm) in seen:
            continue                    # vfork and CLONE_VM share one mm: count it once
        seen.add(u32(mm))
        pgd = gdb.selected_inferior().read_memory(u32(mm["pgd"]), 768 * 4).tobytes()
        ptes += sum(1 for i in range(768) if pgd[i * 4] & 1)   # present user page tables
    slab = sum(int(c["num_slabs"]) << int(c["gfporder"])
               for c in list_entries(gdb.parse_and_eval("cache_chain"), "struct kmem_cache", "next"))
    kstack = (int(gdb.parse_and_eval("nr_threads")) + 1) * 8  # kB: THREAD_SIZE each
    node = gdb.parse_and_eval("vm_node_stat")

    def item(name):             # enum node_stat_item, never below 0 (global_node_page_state)
        return max(0, int(node[int(gdb.parse_and_eval(name))]))
    return {"nr_anon_pages": item("NR_ANON_MAPPED"), "nr_slab_unreclaimable": slab,
            "nr_kernel_stack": kstack, "nr_page_table_pages": ptes,
            "nr_inactive_anon": item("NR_INACTIVE_ANON"), "nr_active_anon": item("NR_ACTIVE_ANON"),
            "nr_inactive_file": item("NR_INACTIVE_FILE"), "nr_active_file": item("NR_ACTIVE_FILE"),
            "nr_unevictable": item("NR_UNEVICTABLE"),
            "nr_mapped": item("NR_FILE_MAPPED"), "nr_file_pages": item("NR_FILE_PAGES"),
            "nr_dirty": item("NR_FILE_DIRTY"), "nr_writeback": item("NR_WRITEBACK"),
            "nr_shmem": item("NR_SHMEM")}


class ZoneInfo(PagodaCommand):
    """Each zone's counters and watermarks, as /proc/zoneinfo (mm/vmstat.c's zoneinfo_show)."""

    usage = "zoneinfo"

    def __init__(self):
        super().__init__("zoneinfo")

    def run(self, arg):
        first = True
        for zone in all_zones():
            wm = zone["watermark"]
            res = zone["lowmem_reserve"]
            pcp = zone["pcp"]
            populated = int(zone["present_pages"]) != 0
            out = "Node %d, zone %8s" % (0, zone_name(zone))
            if first and populated:
                first = False
                stats = node_stats()
                out += "\n  per-node stats" + "".join("\n      %-12s %u" % (n, stats.get(n, 0))
                                                      for n in NODE_STATS)
            out += ("\n  pages free     %u\n        boost    0\n        min      %u\n        low      %u"
                    "\n        high     %u\n        spanned  %u\n        present  %u\n        managed  %u"
                    "\n        cma      0" % (int(zone["free_pages"]), int(wm[0]), int(wm[1]), int(wm[2]),
                                             int(zone["spanned_pages"]), int(zone["present_pages"]),
                                             int(zone["managed_pages"])))
            n = res.type.range()[1] + 1
            out += "\n        protection: (%s)" % ", ".join("%d" % int(res[i]) for i in range(n))
            if not populated:
                print(out)
                continue
            out += "".join("\n      %-12s %u" % (s, int(zone["free_pages"]) if s == "nr_free_pages" else 0)
                           for s in ZONE_STATS)
            out += ("\n  pagesets\n    cpu: 0\n              count: %d\n              high:  %d"
                    "\n              batch: %d\n  vm stats threshold: 0\n  node_unreclaimable:  0"
                    "\n  start_pfn:           %u" % (int(pcp["count"]), int(pcp["high"]), int(pcp["batch"]),
                                                    int(zone["zone_start_pfn"])))
            print(out)


class SlabInfo(PagodaCommand):
    """Every slab cache on cache_chain, as /proc/slabinfo version 2.1 (see mm/slabinfo.c)."""

    usage = "slabinfo"

    def __init__(self):
        super().__init__("slabinfo")

    def run(self, arg):
        print("slabinfo - version: 2.1")
        print("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
              " : tunables <limit> <batchcount> <sharedfactor>"
              " : slabdata <active_slabs> <num_slabs> <sharedavail>")
        for c in list_entries(gdb.parse_and_eval("cache_chain"), "struct kmem_cache", "next"):
            num, slabs = int(c["num"]), int(c["num_slabs"])
            print("%-17s %6u %6u %6u %4u %4d : tunables %4u %4u %4u : slabdata %6u %6u %6u" % (
                cstring(c["name"]), int(c["active_objs"]), slabs * num, int(c["size"]), num,
                1 << int(c["gfporder"]), int(c["array"]["limit"]), int(c["array"]["batchcount"]),
                0, slabs - int(c["free_slabs"]), slabs, 0))


def current_task():
    task = gdb.parse_and_eval("current")
    return task.dereference() if u32(task) else None


def maps_line(vma):
    flags = int(vma["vm_flags"])
    f = vma["vm_file"]
    name = cstring(f["name"]) if u32(f) else cstring(vma["vm_name"])
    slash = "/" if name and u32(f) and not name.startswith("/") else ""
    # the file system's device, as /proc's maps prints it (st_dev's new_encode_dev form as MAJOR:MINOR)
    dev = int(f["f_inode"]["i_sb"]["s_dev"]) if u32(f) and u32(f["f_inode"]) else 0
    return "%08x-%08x %s%s%s%s %08x %02x:%02x %-10u %s%s" % (
        u32(vma["vm_start"]), u32(vma["vm_end"]),
        "r" if flags & 1 else "-", "w" if flags & 2 else "-",
        "x" if flags & 4 else "-", "s" if flags & 8 else "p",
        (int(vma["vm_pgoff"]) << PAGE_SHIFT) & 0xFFFFFFFF if u32(f) else 0,
        (dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00),
        int(f["ino"]) if u32(f) else 0, slash, name or "")


def vma_list(mm):
    vma = mm["mmap"]
    while u32(vma):
        yield vma.dereference()
        vma = vma["vm_next"]


def get_mm_rss(mm):
    """Resident pages of an mm: its file, anon and shmem counters (the kernel's get_mm_rss)."""
    stat = mm["rss_stat"]
    return sum(int(stat[i]) for i in (0, 1, 3))    # MM_FILEPAGES, MM_ANONPAGES, MM_SHMEMPAGES

class Vmas(PagodaCommand):
    """The current task's VMAs, as /proc/PID/maps (current->mm->mmap).

Usage: vmas [PID]
Pagoda runs one program at a time, so only the current task has an address
space to show; PID, if given, must be its pid."""

    usage = "vmas [PID]"

    def __init__(self):
        super().__init__("vmas")

    def run(self, arg):
        task = current_task()
        if task is None:
            raise gdb.GdbError("no current task: no program is running yet")
        pid = int(task["pid"])
        if arg and parse_address(arg, self.usage) != pid:
            raise gdb.GdbError("pid %s is not running: only the current task, pid %d (%s), exists"
                               % (arg, pid, task["comm"].string()))
        if not u32(task["mm"]):
            raise gdb.GdbError("pid %d has no mm (a kernel task)" % pid)
        mm = task["mm"].dereference()
        for vma in vma_list(mm):
            print(maps_line(vma))
        print("# total_vm %u pages, rss %u pages, faults: %u minor, %u major" % (
            int(mm["total_vm"]), get_mm_rss(mm), int(mm["min_flt"]), int(mm["maj_flt"])))


def page_flag_names(flags):
    """The PG_* bits set in flags, named from the kernel's own enum pageflags."""
    names = []
    for field in gdb.lookup_type("enum pageflags").fields():
        if field.name != "NR_PAGEFLAGS" and flags >> field.enumval & 1:
            names.append(field.name[len("PG_"):])
    return names


class Page(PagodaCommand):
    """Decode the struct page of a page frame (mem_map[PFN]).

Usage: page PFN
Flags by name, zone, _count, _mapcount, the order of a free buddy block,
the cache of a slab page, and the frame's kernel virtual address."""

    usage = "page PFN"

    def __init__(self):
        super().__init__("page")

    def run(self, arg):
        pfn = parse_address(arg, self.usage)
        max_pfn = int(gdb.parse_and_eval("max_pfn"))
        if pfn >= max_pfn:
            print("pfn %#x is beyond the end of RAM (max_pfn %#x)" % (pfn, max_pfn))
            return
        page = gdb.parse_and_eval("mem_map")[pfn]
        flags = u32(page["flags"])
        names = page_flag_names(flags)
        zone = (flags >> ZONES_PGSHIFT) & ZONES_MASK
        zone_nm = zone_name(all_zones()[zone])
        print("struct page for pfn %#x (phys 0x%08x) at 0x%08x:" % (pfn, pfn << PAGE_SHIFT,
                                                                  u32(page.address)))
        print("  flags 0x%08x: %s zone %s" % (flags, " ".join(names) or "(none)", zone_nm))
        count, mapcount = int(page["_count"]), int(page["_mapcount"])
        print("  _count %d  _mapcount %d (%s)" % (
            count, mapcount, "objects in use" if "slab" in names else
            "mapped %d times" % (mapcount + 1) if mapcount >= 0 else "not mapped"))
        if "buddy" in names:
            order = u32(page["private"])
            print("  free block of order %d: %d pages, pfn %#x-%#x" % (
                order, 1 << order, pfn, pfn + (1 << order) - 1))
        elif "slab" in names and u32(page["slab_cache"]):
            cache = page["slab_cache"].cast(gdb.lookup_type("struct kmem_cache").pointer())
            print("  slab of cache %s, %d objects in use" % (cstring(cache["name"]), mapcount))
        elif count == 0 and "reserved" not in names:
            print("  free: in a buddy block (not its head) or on the per-cpu list")
        if pfn < int(gdb.parse_and_eval("max_low_pfn")):
            print("  virtual 0x%08x" % (PAGE_OFFSET + (pfn << PAGE_SHIFT)))
        else:
            print("  virtual: none permanent (highmem: only while kmap()ed)")


def page_fault_frame():
    """The do_page_fault frame at or above the selected one."""
    frame = gdb.selected_frame()
    while frame is not None:
        if frame.name() == "do_page_fault":
            return frame
        frame = frame.older()
    raise gdb.GdbError("not stopped in do_page_fault: try `break-user-fault` and `continue`")


def frame_var(frame, name):
    """A variable of frame as an int, or None if it is optimized out or unknown.

    Past its last use an argument is often optimized out, but GDB can still
    find the value it had on entry (DWARF entry values): NAME@entry.
    """
    for expr in (name, name + "@entry"):
        selected = gdb.selected_frame()
        try:
            frame.select()
            v = gdb.parse_and_eval(expr)
            if not v.is_optimized_out:
                return v
        except gdb.error:
            pass
        finally:
            selected.select()
    return None


def fault_address(frame):
    """CR2 as do_page_fault read it.

    QEMU sends CR2 as a register, but it changes with every new fault, and
    do_page_fault turns interrupts on. So: the `address` local once it is
    computed; $cr2 at the function's first instruction (nothing can have
    faulted yet); otherwise $cr2 with a warning.
    """
    local = frame_var(frame, "address")
    if local is not None:
        return u32(local), "the local `address`"
    cr2 = register("cr2")
    if cr2 is None:
        raise gdb.GdbError("this gdbstub has no $cr2 and `address` is not computed yet: "
                           "`next` past `address = read_cr2()` and try again")
    entry = u32(gdb.parse_and_eval("do_page_fault").address)
    if frame.pc() == entry and frame == gdb.newest_frame():
        return cr2, "$cr2 at entry"
    return cr2, "$cr2 now (a later fault would have changed it)"


def fault_error_code(frame):
    code = frame_var(frame, "error_code")
    if code is not None:
        return u32(code)
    # The trap stub saved the CPU's error code in regs->orig_eax as well.
    regs = frame_var(frame, "regs")
    if regs is not None:
        return u32(regs["orig_eax"])
    raise gdb.GdbError("error_code and regs are both optimized out here; "
                       "stop at the start of do_page_fault")


def describe_fault(code):
    """(sentence verb, kernel-style reason) for an error code."""
    who = "user" if code & PF_USER else "kernel"
    if code & PF_INSTR:
        access = "instruction fetch at"
    elif code & PF_WRITE:
        access = "write to"
    else:
        access = "read from"
    why = "protection violation" if code & PF_PROT else "page not present"
    if code & PF_RSVD:
        why += ", reserved bit set"
    return "%s %s" % (who, access), why


def vma_for(address):
    """The maps line of the VMA holding address in current->mm, or None."""
    task = current_task()
    if task is None or not u32(task["mm"]):
        return None
    for vma in vma_list(task["mm"].dereference()):
        if u32(vma["vm_start"]) <= address < u32(vma["vm_end"]):
            return maps_line(vma)
    return None


class Fault(PagodaCommand):
    """Decode the page fault being handled: address (CR2) and error code bits.

Usage: fault   (when stopped in do_page_fault, or in a function it called)
Prints a sentence ("user write to 0x0804c000: page not present"), the error
code as the kernel's oops prints it, where it happened and the VMA it hit."""

    usage = "fault"

    def __init__(self):
        super().__init__("fault")

    def run(self, arg):
        frame = page_fault_frame()
        address, source = fault_address(frame)
        code = fault_error_code(frame)
        access, why = describe_fault(code)
        print("%s 0x%08x: %s" % (access, address, why))
        print("error %x: %s, %s, %s mode%s" % (
            code, "protection violation" if code & PF_PROT else "page not present",
            "instruction fetch" if code & PF_INSTR else "write" if code & PF_WRITE else "read",
            "user" if code & PF_USER else "kernel", ", reserved bit set" if code & PF_RSVD else ""))
        print("  bits: P=%d W=%d U=%d RSVD=%d I/D=%d; address from %s" % (
            code & 1, code >> 1 & 1, code >> 2 & 1, code >> 3 & 1, code >> 4 & 1, source))
        eip = None
        regs = frame_var(frame, "regs")
        if regs is not None:
            eip = u32(regs["eip"])
            print("  at eip 0x%08x" % eip)
        if eip == address and not code & PF_INSTR:
            # Without PAE+NX (or SMEP) the CPU never sets I/D: say what it means.
            print("  CR2 == EIP: this read is an instruction fetch (I/D is only set with NX or SMEP)")
        if address >= PAGE_OFFSET:
            print("  a kernel address (>= PAGE_OFFSET)")
        else:
            line = vma_for(address)
            print("  in VMA " + line.rstrip() if line else
                  "  in no VMA (unless just below a stack that may grow): SIGSEGV")


class BreakUserFault(PagodaCommand):
    """Stop at the next page fault taken in user mode.

Usage: break-user-fault
Sets (once) a breakpoint on do_page_fault with the condition
`error_code & 4` (PF_USER); `continue`, then `fault` decodes it.
`delete` it as any other breakpoint."""

    usage = "break-user-fault"

    def __init__(self):
        super().__init__("break-user-fault")
        self.bp = None

    def run(self, arg):
        if self.bp is None or not self.bp.is_valid():
            self.bp = gdb.Breakpoint("do_page_fault")
            self.bp.condition = "error_code & %d" % PF_USER
        print("Breakpoint %d: do_page_fault if error_code & %d (user mode); "
              "`continue`, then `fault`" % (self.bp.number, PF_USER))


PgWalk()
BuddyInfo()
ZoneInfo()
SlabInfo()
Vmas()
Page()
Fault()
BreakUserFault()
