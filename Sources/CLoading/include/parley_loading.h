// What loading a corpus needs from C: byte classes of sixteen bytes at once for the tokenizer's
// loader path (Tokenizer.swift), with SSE2 (every x86-64 processor) a few vector instructions and
// elsewhere a plain loop that gives the same masks, since Swift has no portable way to turn a
// vector comparison into a bit mask; and glibc's malloc settings, which Glibc does not import.
#ifndef PARLEY_LOADING_H
#define PARLEY_LOADING_H

#include <stdint.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i describes byte i of the sixteen.
typedef struct {
    /// ASCII letters and digits: `[A-Za-z0-9]`.
    uint32_t word;
    /// Bytes the general rule must look at: above ASCII (a letter, a mark, a curly apostrophe or
    /// anything else), the joiners `'` and `-`, and the brackets that may open a note.
    uint32_t special;
} parley_byte_classes;

/// The classes of the sixteen bytes at `bytes` (all sixteen must be readable).
static inline parley_byte_classes parley_classify16(const uint8_t *bytes) {
    parley_byte_classes classes;
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    // Unsigned x <= limit as min(x, limit) == x, after moving the range's start to zero.
    __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
    __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
    __m128i joiner = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
    __m128i bracket = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')), _mm_cmpeq_epi8(v, _mm_set1_epi8('[')));
    classes.word = (uint32_t)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    classes.special = (uint32_t)(_mm_movemask_epi8(_mm_or_si128(joiner, bracket)) | _mm_movemask_epi8(v));
#else
    classes.word = 0;
    classes.special = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t byte = bytes[i];
        uint8_t lower = byte | 0x20;
        if ((lower >= 'a' && lower <= 'z') || (byte >= '0' && byte <= '9')) classes.word |= 1u << i;
        if (byte >= 0x80 || byte == '\'' || byte == '-' || byte == '(' || byte == '[') classes.special |= 1u << i;
    }
#endif
    return classes;
}

/// Makes glibc map every block of at least `bytes` on its own and unmap it when it is freed,
/// instead of raising that threshold to the largest block freed so far (its default), after
/// which freed blocks stay in the process for reuse. Does nothing on other C libraries.
static inline void parley_return_blocks_from(int bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}

#endif
