#include "textflag.h"

// BROADCAST(c, x, y) fills every byte of y with the constant c (AX and x
// are clobbered).
#define BROADCAST(c, x, y) MOVL c, AX; VMOVD AX, x; VPBROADCASTB x, y

// func classifyAVX2(data *byte, blocks int, stop, hi, ws *byte) (hiAny uint64)
TEXT ·classifyAVX2(SB), NOSPLIT, $0-48
	MOVQ data+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVQ stop+16(FP), R8
	MOVQ hi+24(FP), R9
	MOVQ ws+32(FP), R10
	XORQ R11, R11 // the OR of the hi masks

	BROADCAST($0x22, X0, Y0) // '"'
	BROADCAST($0x5c, X1, Y1) // '\\'
	BROADCAST($0x1f, X2, Y2) // control characters: min(c, 0x1f) == c
	BROADCAST($0x20, X3, Y3) // ' '
	BROADCAST($0x0a, X4, Y4) // '\n'
	BROADCAST($0x0d, X5, Y5) // '\r'
	BROADCAST($0x09, X6, Y6) // '\t'

loop:
	TESTQ CX, CX
	JZ    done
	VMOVDQU (SI), Y7
	VMOVDQU 32(SI), Y8

	// stop
	VPCMPEQB Y0, Y7, Y9
	VPCMPEQB Y1, Y7, Y10
	VPOR     Y9, Y10, Y9
	VPMINUB  Y2, Y7, Y10
	VPCMPEQB Y7, Y10, Y10
	VPOR     Y9, Y10, Y9
	VPMOVMSKB Y9, AX
	VPCMPEQB Y0, Y8, Y11
	VPCMPEQB Y1, Y8, Y12
	VPOR     Y11, Y12, Y11
	VPMINUB  Y2, Y8, Y12
	VPCMPEQB Y8, Y12, Y12
	VPOR     Y11, Y12, Y11
	VPMOVMSKB Y11, DX
	SHLQ $32, DX
	ORQ  DX, AX
	MOVQ AX, (R8)

	// hi: the sign bits
	VPMOVMSKB Y7, AX
	VPMOVMSKB Y8, DX
	SHLQ $32, DX
	ORQ  DX, AX
	MOVQ AX, (R9)
	ORQ  AX, R11

	// white space
	VPCMPEQB Y3, Y7, Y9
	VPCMPEQB Y4, Y7, Y10
	VPOR     Y9, Y10, Y9
	VPCMPEQB Y5, Y7, Y10
	VPOR     Y9, Y10, Y9
	VPCMPEQB Y6, Y7, Y10
	VPOR     Y9, Y10, Y9
	VPMOVMSKB Y9, AX
	VPCMPEQB Y3, Y8, Y11
	VPCMPEQB Y4, Y8, Y12
	VPOR     Y11, Y12, Y11
	VPCMPEQB Y5, Y8, Y12
	VPOR     Y11, Y12, Y11
	VPCMPEQB Y6, Y8, Y12
	VPOR     Y11, Y12, Y11
	VPMOVMSKB Y11, DX
	SHLQ $32, DX
	ORQ  DX, AX
	MOVQ AX, (R10)

	ADDQ $64, SI
	ADDQ $8, R8
	ADDQ $8, R9
	ADDQ $8, R10
	DECQ CX
	JMP  loop

done:
	VZEROUPPER
	MOVQ R11, hiAny+40(FP)
	RET
