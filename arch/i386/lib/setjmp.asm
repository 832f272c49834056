; Linux has no kernel setjmp (only UML's, arch/x86/um/setjmp_32.S); ktest's ASSERT needs one.
; setjmp/longjmp: save and restore the callee-saved registers, the stack
; pointer and the return address (cdecl). Used by ktest to end a case.
section .text
global setjmp, longjmp

setjmp:
	mov eax, [esp + 4]          ; jmp_buf
	mov [eax], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]          ; the caller's esp after we return
	mov [eax + 16], ecx
	mov ecx, [esp]              ; return address
	mov [eax + 20], ecx
	xor eax, eax
	ret

longjmp:
	mov edx, [esp + 4]          ; jmp_buf
	mov eax, [esp + 8]          ; value setjmp returns
	test eax, eax
	jnz .nonzero
	inc eax                     ; longjmp(env, 0) must not look like setjmp
.nonzero:
	mov ebx, [edx]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]
