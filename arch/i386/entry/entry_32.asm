; Trap and interrupt entry. Every vector has a tiny stub that pushes an
; error code (a dummy 0 when the CPU pushes none) and its vector number,
; then joins common_entry, which saves the rest of struct pt_regs
; (arch/i386/include/asm/ptrace.h) and calls do_trap(regs) in C.

KERNEL_DS equ 0x10
TRAP_IRET equ 256               ; not a CPU vector: arch/i386/include/asm/traps.h

extern do_trap

%macro TRAP_NOERR 1
global trap_stub_%1
trap_stub_%1:
	push dword 0
	push dword %1
	jmp common_entry
%endmacro

%macro TRAP_ERR 1
global trap_stub_%1
trap_stub_%1:
	push dword %1               ; the CPU already pushed an error code
	jmp common_entry
%endmacro

section .text
; Vectors 8, 10-14, 17, 21, 29, 30 come with an error code (Intel SDM 6.13).
TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR   8
TRAP_NOERR 9
TRAP_ERR   10
TRAP_ERR   11
TRAP_ERR   12
TRAP_ERR   13
TRAP_ERR   14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR   17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR   21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR   29
TRAP_ERR   30
TRAP_NOERR 31
%assign v 32
%rep 16
TRAP_NOERR v                    ; IRQ 0-15 after the PIC remap
%assign v v + 1
%endrep
TRAP_NOERR 128                  ; int $0x80, the system call

common_entry:
	cld                         ; the program may have left DF set: the kernel's string
	                            ; copies assume it clear (Linux's SAVE_ALL does the same)
	push gs
	push fs
	push es
	push ds
	pushad
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	push esp                    ; struct pt_regs *
	call do_trap
	add esp, 4
global ret_from_trap
ret_from_trap:
	popad
.pop_ds:
	pop ds                      ; the four pops and the iret may fault on what
.pop_es:
	pop es                      ; the program left in its registers (a selector
.pop_fs:
	pop fs                      ; whose descriptor set_thread_area removed): see
.pop_gs:
	pop gs                      ; the fixups below
	add esp, 8                  ; vector number and error code
.iret:
	iretd

; A segment register that cannot be reloaded gets the null selector, and
; the pop is tried again (Linux's EX_TYPE_POP_ZERO): the program goes on,
; and its next use of that register faults in user mode, as on Linux. The
; trap that brought us here left esp pointing at the slot. (That trap
; saved and restores %fs and %gs too: if they are stale, do_trap() nulls
; its copy, or its own return would fault the same way.)
global ret_from_trap_fix_fs, ret_from_trap_fix_gs
ret_from_trap_fix_fs equ .fix_fs
ret_from_trap_fix_gs equ .fix_gs
.fix_ds:
	mov dword [esp], 0
	jmp .pop_ds
.fix_es:
	mov dword [esp], 0
	jmp .pop_es
.fix_fs:
	mov dword [esp], 0
	jmp .pop_fs
.fix_gs:
	mov dword [esp], 0
	jmp .pop_gs

; iret refused the frame (a bad cs, ss or eflags): esp points at that
; frame, the program's own eip, cs, eflags, esp and ss. Make it a trap of
; the program's, TRAP_IRET, so do_trap() kills it with SIGILL as Linux's
; iret_error does.
.iret_error:
	push dword 0
	push dword TRAP_IRET
	jmp common_entry

section __ex_table alloc
	dd .pop_ds, .fix_ds
	dd .pop_es, .fix_es
	dd .pop_fs, .fix_fs
	dd .pop_gs, .fix_gs
	dd .iret, .iret_error
section .text

; enter_user_mode(regs): start running a program. regs is a struct
; pt_regs built at the top of the task's kernel stack, describing ring-3
; state; we point esp at it and leave through the common exit path, whose
; iret switches to ring 3 (and loads the user esp and ss).
global enter_user_mode
enter_user_mode:
	mov esp, [esp + 4]
	jmp ret_from_trap

; switch_stack(&prev->thread.sp, next->thread.sp): the heart of a task
; switch (arch/i386/kernel/process_32.c). Push the registers C expects a
; call to keep, leave esp in prev, take next's, pop its registers and
; return where next called switch_stack -- or, for a new task, into
; ret_from_fork (copy_thread built that frame).
global switch_stack
switch_stack:
	mov eax, [esp + 4]          ; &prev->thread.sp
	mov edx, [esp + 8]          ; next->thread.sp
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A new task starts here, with esp at its pt_regs (a copy of its
; parent's): schedule_tail() finishes the switch, then the common exit
; path takes it to user mode with eax = 0.
extern schedule_tail
global ret_from_fork
ret_from_fork:
	push esp                    ; struct pt_regs *
	call schedule_tail
	add esp, 4
	jmp ret_from_trap

; The stub table, read by idt_init().
section .rodata
global trap_stub_table
trap_stub_table:
%assign v 0
%rep 48
	dd trap_stub_ %+ v
%assign v v + 1
%endrep
