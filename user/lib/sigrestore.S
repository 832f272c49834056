/*
 * Where a handler returns (its frame's pretcode, with SA_RESTORER): back
 * into the kernel, which reloads the registers the frame saved. The
 * plain frame's restorer first pops the signal number, as Linux's
 * __kernel_sigreturn does: sigreturn finds the frame at %esp - 8.
 */
	.text
	.globl	__restore_rt
	.type	__restore_rt, @function
__restore_rt:
	movl	$173, %eax		/* rt_sigreturn */
	int	$0x80
	.size	__restore_rt, . - __restore_rt

	.globl	__restore
	.type	__restore, @function
__restore:
	popl	%eax
	movl	$119, %eax		/* sigreturn */
	int	$0x80
	.size	__restore, . - __restore

	.section .note.GNU-stack, "", @progbits
