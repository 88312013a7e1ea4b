#include "textflag.h"

// BROADCAST(c, x, y) fills every byte of y with the constant c (AX and x
// are clobbered).
#define BROADCAST(c, x, y) MOVL c, AX; VMOVD AX, x; VPBROADCASTB x, y

// func pairMaskAVX2(base *byte, n, d int, c1, c2 byte) (block int, mask uint32)
TEXT ·pairMaskAVX2(SB), NOSPLIT, $0-44
	MOVQ base+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ d+16(FP), DX
	LEAQ (SI)(DX*1), DI // second byte's row
	ANDQ $~31, CX

	MOVBLZX c1+24(FP), AX
	VMOVD AX, X0
	VPBROADCASTB X0, Y0
	MOVBLZX c2+25(FP), AX
	VMOVD AX, X1
	VPBROADCASTB X1, Y1
	BROADCAST($0x20, X2, Y2)

	XORQ BX, BX

	// Two blocks per round while they fit.
loop64:
	LEAQ 64(BX), R9
	CMPQ R9, CX
	JA   loop
	VMOVDQU (SI)(BX*1), Y3
	VMOVDQU (DI)(BX*1), Y4
	VMOVDQU 32(SI)(BX*1), Y5
	VMOVDQU 32(DI)(BX*1), Y6
	VPOR    Y2, Y3, Y3
	VPOR    Y2, Y4, Y4
	VPOR    Y2, Y5, Y5
	VPOR    Y2, Y6, Y6
	VPCMPEQB Y0, Y3, Y3
	VPCMPEQB Y1, Y4, Y4
	VPCMPEQB Y0, Y5, Y5
	VPCMPEQB Y1, Y6, Y6
	VPAND   Y3, Y4, Y3
	VPAND   Y5, Y6, Y5
	VPOR    Y3, Y5, Y7
	VPTEST  Y7, Y7
	JNZ     found64
	MOVQ    R9, BX
	JMP     loop64

found64:
	VPMOVMSKB Y3, AX
	TESTL   AX, AX
	JNZ     found
	VPMOVMSKB Y5, AX
	ADDQ    $32, BX
	JMP     found

	// One block at a time for the rest.
loop:
	CMPQ BX, CX
	JAE  notfound
	VMOVDQU (SI)(BX*1), Y3
	VMOVDQU (DI)(BX*1), Y4
	VPOR    Y2, Y3, Y3
	VPOR    Y2, Y4, Y4
	VPCMPEQB Y0, Y3, Y3
	VPCMPEQB Y1, Y4, Y4
	VPAND   Y3, Y4, Y3
	VPMOVMSKB Y3, AX
	TESTL   AX, AX
	JNZ     found
	ADDQ    $32, BX
	JMP     loop

found:
	MOVQ BX, block+32(FP)
	MOVL AX, mask+40(FP)
	VZEROUPPER
	RET

notfound:
	MOVQ $-1, block+32(FP)
	MOVL $0, mask+40(FP)
	VZEROUPPER
	RET

// func escMaskAVX2(base *byte, n int) (block int, mask uint32)
// Candidates p in [0, n&^31): base[p] == '%' with '3' <= base[p+1] <= '7'
// but not "%40", or base[p] == '\\' with base[p+1] == 'u'. The caller
// guarantees n+2 <= len of the memory at base. Blocks without a '%' or a
// backslash (nearly all) are passed over 64 bytes at a time.
TEXT ·escMaskAVX2(SB), NOSPLIT, $0-28
	MOVQ base+0(FP), SI
	MOVQ n+8(FP), CX
	ANDQ $~31, CX

	BROADCAST($0x25, X0, Y0) // '%'
	BROADCAST($0x5c, X5, Y5) // '\\'

	XORQ BX, BX

quick64:
	LEAQ 64(BX), R9
	CMPQ R9, CX
	JA   quick32
	VMOVDQU (SI)(BX*1), Y7
	VMOVDQU 32(SI)(BX*1), Y8
	VPCMPEQB Y0, Y7, Y10
	VPCMPEQB Y5, Y7, Y11
	VPCMPEQB Y0, Y8, Y12
	VPCMPEQB Y5, Y8, Y13
	VPOR     Y10, Y11, Y10
	VPOR     Y12, Y13, Y12
	VPOR     Y10, Y12, Y10
	VPTEST   Y10, Y10
	JNZ      full
	MOVQ     R9, BX
	JMP      quick64

quick32:
	CMPQ BX, CX
	JAE  notfound
	VMOVDQU (SI)(BX*1), Y7
	VPCMPEQB Y0, Y7, Y10
	VPCMPEQB Y5, Y7, Y11
	VPOR     Y10, Y11, Y10
	VPTEST   Y10, Y10
	JNZ      full
	ADDQ     $32, BX
	JMP      quick32

	// A '%' or a backslash within the next 64 bytes: check them 32 at a
	// time, then go back to the quick loop.
full:
	BROADCAST($0x33, X1, Y1) // '3'
	BROADCAST($0x37, X2, Y2) // '7'
	BROADCAST($0x34, X3, Y3) // '4'
	BROADCAST($0x30, X4, Y4) // '0'
	BROADCAST($0x75, X6, Y6) // 'u'
	LEAQ 64(BX), R10 // end of the full check
	CMPQ R10, CX
	JBE  fullloop
	MOVQ CX, R10

fullloop:
	CMPQ BX, R10
	JAE  quick64
	VMOVDQU (SI)(BX*1), Y7   // c0
	VMOVDQU 1(SI)(BX*1), Y8  // c1
	VMOVDQU 2(SI)(BX*1), Y9  // c2
	VPCMPEQB Y0, Y7, Y10     // c0 == '%'
	VPMAXUB  Y1, Y8, Y11
	VPCMPEQB Y8, Y11, Y11    // c1 >= '3'
	VPAND    Y10, Y11, Y10
	VPMINUB  Y2, Y8, Y11
	VPCMPEQB Y8, Y11, Y11    // c1 <= '7'
	VPAND    Y10, Y11, Y10
	VPCMPEQB Y3, Y8, Y11     // c1 == '4'
	VPCMPEQB Y4, Y9, Y12     // c2 == '0'
	VPAND    Y11, Y12, Y11
	VPANDN   Y10, Y11, Y10   // and not "%40"
	VPCMPEQB Y5, Y7, Y11     // c0 == '\\'
	VPCMPEQB Y6, Y8, Y12     // c1 == 'u'
	VPAND    Y11, Y12, Y11
	VPOR     Y10, Y11, Y10
	VPMOVMSKB Y10, AX
	TESTL AX, AX
	JNZ   found
	ADDQ  $32, BX
	JMP   fullloop

found:
	MOVQ BX, block+16(FP)
	MOVL AX, mask+24(FP)
	VZEROUPPER
	RET

notfound:
	MOVQ $-1, block+16(FP)
	MOVL $0, mask+24(FP)
	VZEROUPPER
	RET
