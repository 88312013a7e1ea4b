#include "textflag.h"

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
	MOVL $0x20, AX
	VMOVD AX, X2
	VPBROADCASTB X2, Y2

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
