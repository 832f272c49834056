; Copying to and from user space. The kernel may touch a user address
; that is not mapped (a bad pointer from a program): the page fault lands
; in do_page_fault, which finds the faulting instruction in __ex_table and
; resumes at its fixup instead of oopsing. Each routine returns the number
; of bytes NOT copied (0 = success), like Linux's __copy_user.

section .text

; unsigned long __copy_user(void *to, const void *from, unsigned long n)
; Four bytes at a time, then the odd ones. A fault in the word copy goes
; on byte by byte from the word that faulted, so the copy still stops at
; the exact byte that cannot be reached.
global __copy_user
__copy_user:
	push edi
	push esi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	mov edx, ecx
	shr ecx, 2
	and edx, 3
.copyd:
	rep movsd                   ; may fault: on to .faultd
	mov ecx, edx
.copy:
	rep movsb                   ; may fault: ecx then counts what is left
	mov eax, ecx
	pop esi
	pop edi
	ret
.faultd:
	lea ecx, [ecx * 4 + edx]    ; the bytes not copied yet, from the word that faulted
	jmp .copy

; unsigned long __clear_user(void *to, unsigned long n)
global __clear_user
__clear_user:
	push edi
	mov edi, [esp + 8]
	mov ecx, [esp + 12]
	xor eax, eax
.clear:
	rep stosb
	mov eax, ecx
	pop edi
	ret

; long __strncpy_from_user(char *dst, const char *src, long count):
; bytes copied before the NUL (the NUL is copied too), count if no NUL
; was found, -1 on a fault.
global __strncpy_from_user
__strncpy_from_user:
	push edi
	push esi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	xor edx, edx
.next:
	cmp edx, ecx
	je .done
.load:
	mov al, [esi + edx]         ; may fault
	mov [edi + edx], al
	test al, al
	jz .done
	inc edx
	jmp .next
.done:
	mov eax, edx
	pop esi
	pop edi
	ret
.fault:
	mov eax, -1
	pop esi
	pop edi
	ret

; The exception table: (faulting instruction, where to resume) pairs.
section __ex_table alloc
	dd __copy_user.copyd, __copy_user.faultd
	dd __copy_user.copy, __copy_user.copy + 2   ; rep movsb is 2 bytes: resume after it
	dd __clear_user.clear, __clear_user.clear + 2
	dd __strncpy_from_user.load, __strncpy_from_user.fault
