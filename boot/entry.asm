; _start: where the boot loader jumps, in 32-bit protected mode with
; paging off, EAX = multiboot magic, EBX = physical address of the
; multiboot info. The kernel is linked at PAGE_OFFSET + 1 MiB but sits at
; 1 MiB, so until paging is on every address must be made physical.
;
; We build boot page tables (Linux calls them pg0...) that map the first
; BOOT_MAP_MB of RAM twice: at 0 (so the next instruction after enabling
; paging still exists) and at PAGE_OFFSET (where the C code lives). After
; the jump to the higher half the identity half is removed.

PAGE_OFFSET     equ 0xC0000000
BOOT_MAP_MB     equ 16                      ; 4 page tables of 4 MiB
BOOT_PT_COUNT   equ BOOT_MAP_MB / 4
PTE_PRESENT     equ 0x001
PTE_RW          equ 0x002
CR0_PG          equ 0x80000000
CR0_WP          equ 0x00010000
KSTACK_SIZE     equ 16384

%define PHYS(x) ((x) - PAGE_OFFSET)

extern start_kernel

section .boot.text
global _start
_start:
	cli
	cld
	mov edi, eax                ; keep magic and info pointer: the
	mov esi, ebx                ; loops below clobber eax/ebx/ecx

	; Fill the boot page tables: PTE i maps physical page i.
	mov eax, PTE_PRESENT | PTE_RW
	mov ebx, PHYS(boot_page_tables)
	mov ecx, BOOT_PT_COUNT * 1024
.fill_pte:
	mov [ebx], eax
	add eax, 4096
	add ebx, 4
	loop .fill_pte

	; Point PDEs 0.. and 768.. (PAGE_OFFSET >> 22) at the same tables.
	mov eax, PHYS(boot_page_tables) + (PTE_PRESENT | PTE_RW)
	mov ebx, PHYS(boot_page_dir)
	mov ecx, BOOT_PT_COUNT
.fill_pde:
	mov [ebx], eax
	mov [ebx + (PAGE_OFFSET >> 22) * 4], eax
	add eax, 4096
	add ebx, 4
	loop .fill_pde

	mov eax, PHYS(boot_page_dir)
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	; Paging is on; we are still running at the identity address.
	; An absolute jump takes us to the higher half.
	lea eax, [higher_half]
	jmp eax

section .text
higher_half:
	; Drop the identity mapping: from here on a stray low pointer faults.
	mov ecx, BOOT_PT_COUNT
	mov ebx, boot_page_dir
.clear_pde:
	mov dword [ebx], 0
	add ebx, 4
	loop .clear_pde
	mov eax, cr3                ; reload CR3 to flush the stale TLB entries
	mov cr3, eax

	mov esp, boot_stack_top
	xor ebp, ebp                ; a zero frame pointer ends every backtrace
	push esi                    ; multiboot info (physical)
	push edi                    ; multiboot magic
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .bss.page_aligned nobits alloc write align=4096
global boot_page_dir, boot_page_tables, boot_stack, boot_stack_top
boot_page_dir:
	resb 4096
boot_page_tables:
	resb 4096 * BOOT_PT_COUNT
boot_stack:
	resb KSTACK_SIZE
boot_stack_top:
