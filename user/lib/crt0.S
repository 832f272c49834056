/*
 * Where every program starts. The kernel leaves %esp pointing at argc, then
 * argv[0..argc-1], NULL, envp[], NULL, and the auxiliary vector.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* the outermost frame: backtraces stop here */
	movl	%esp, %eax		/* &argc */
	andl	$-16, %esp		/* the i386 ABI wants %esp 16-byte aligned at a call */
	subl	$12, %esp
	pushl	%eax
	call	__libc_start		/* calls main, then exit; never returns */
	hlt				/* privileged: faults if it ever did */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
