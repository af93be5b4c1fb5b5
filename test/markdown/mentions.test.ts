import { describe, expect, it } from 'vitest'
import { findMentions, MAX_MENTIONS } from '../../src/markdown/mentions.js'

describe('findMentions', () => {
  it('finds @names at the start, after spaces and punctuation, once each regardless of case', () => {
    expect(findMentions('@alice hi (@Bob), @ALICE and @bob!')).toEqual(['alice', 'Bob'])
  })
  it('ignores e-mail addresses, names inside words, too short or too long names and a doubled @', () => {
    expect(findMentions('mail a@b.example, x@yz, @a, @abcdefghijklmnopqrstu, @@carol')).toEqual([])
  })
  it('stops at MAX_MENTIONS names', () => {
    const text = Array.from({ length: MAX_MENTIONS + 5 }, (_, i) => `@user${i}`).join(' ')
    expect(findMentions(text)).toHaveLength(MAX_MENTIONS)
  })
  it('reads a long hostile text in linear time', () => {
    expect(findMentions('@'.repeat(60_000) + 'a'.repeat(60_000))).toEqual([])
  })
})
