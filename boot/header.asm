; The Multiboot (v1) header: GRUB and QEMU's -kernel look for it in the
; first 8 KiB of the image. We ask for page-aligned modules and the memory
; map; the ELF program headers tell the loader where to put each segment.

MB_MAGIC        equ 0x1BADB002
MB_PAGE_ALIGN   equ 1 << 0          ; modules on page boundaries
MB_MEMORY_INFO  equ 1 << 1          ; mem_lower/mem_upper and the mmap
MB_FLAGS        equ MB_PAGE_ALIGN | MB_MEMORY_INFO

section .multiboot
align 4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)       ; the three words sum to zero
