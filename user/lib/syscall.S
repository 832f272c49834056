/*
 * long __syscall6(long nr, long a, long b, long c, long d, long e, long f)
 *
 * The six-argument system call: the sixth argument goes in %ebp, which C
 * code cannot hand to an asm statement while it may be the frame pointer.
 * %ebx, %esi, %edi and %ebp belong to the caller, so they are saved.
 */
	.text
	.globl	__syscall6
	.type	__syscall6, @function
__syscall6:
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx
	movl	20(%esp), %eax		/* nr; four saved registers and the return address lie below */
	movl	24(%esp), %ebx
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	movl	40(%esp), %edi
	movl	44(%esp), %ebp
	int	$0x80
	popl	%ebx
	popl	%esi
	popl	%edi
	popl	%ebp
	ret
	.size	__syscall6, . - __syscall6

	.section .note.GNU-stack, "", @progbits
