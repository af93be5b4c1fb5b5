import { describe, expect, it } from 'vitest'
import { buildSearchText, normaliseForSearch, searchWords } from '../../src/catalog/search-text.js'
import { fuzzyDateProblem, isFuzzyDateInt, toFuzzyDateInt } from '../../src/catalog/fuzzy-date.js'
import { seasonInt, seasonOf } from '../../src/catalog/seasons.js'
import { preferredTitle } from '../../src/catalog/titles.js'
import { sourceForVersion, statusForVersion } from '../../src/catalog/enum-versions.js'

describe('search keys', () => {
  it('folds case, width and punctuation in every script', () => {
    expect(normaliseForSearch('Steins;Gate')).toBe('steins gate')
    expect(normaliseForSearch('ＳＴＥＩＮＳ；ＧＡＴＥ')).toBe('steins gate')
    expect(normaliseForSearch('Mahou Shoujo Madoka☆Magica')).toBe('mahou shoujo madoka magica')
    expect(normaliseForSearch('ÉLAN Vital')).toBe('élan vital')
    expect(searchWords('  Cowboy   BEBOP! ')).toEqual(['cowboy', 'bebop'])
    expect(searchWords('☆!?')).toEqual([])
  })

  it('stores each distinct title between bars', () => {
    expect(buildSearchText(['Shingeki no Kyojin', 'Attack on Titan', '進撃の巨人', null, 'attack on titan', ''])).toBe('|shingeki no kyojin|attack on titan|進撃の巨人|')
    expect(buildSearchText([null])).toBe('')
  })
})

describe('dates and seasons', () => {
  it('writes FuzzyDateInt with zeros for unknown parts', () => {
    expect(toFuzzyDateInt({ year: 2016, month: 5, day: 7 })).toBe(20160507)
    expect(toFuzzyDateInt({ year: 1976, month: 5, day: null })).toBe(19760500)
    expect(toFuzzyDateInt({ year: 2016, month: null, day: null })).toBe(20160000)
    expect(toFuzzyDateInt({ year: null, month: 5, day: 1 })).toBeNull()
    expect(isFuzzyDateInt(20160000)).toBe(true)
    expect(isFuzzyDateInt(-1)).toBe(false)
    expect(isFuzzyDateInt(100_000_000)).toBe(false)
    expect(isFuzzyDateInt(2016.5)).toBe(false)
  })

  it('checks the parts of a date', () => {
    expect(fuzzyDateProblem({ year: 2016, month: 13, day: null })).toMatch(/month 13/)
    expect(fuzzyDateProblem({ year: 2016, month: 2, day: 0 })).toMatch(/day 0/)
    expect(fuzzyDateProblem({ year: 0, month: null, day: null })).toMatch(/year 0/)
    expect(fuzzyDateProblem({ year: null, month: null, day: null })).toBeNull()
  })

  it('puts December in the next year’s winter', () => {
    expect(seasonOf({ year: 2016, month: 12, day: 1 })).toEqual({ season: 'WINTER', seasonYear: 2017 })
    expect(seasonOf({ year: 2017, month: 2, day: 28 })).toEqual({ season: 'WINTER', seasonYear: 2017 })
    expect(seasonOf({ year: 2017, month: 3, day: 1 })).toEqual({ season: 'SPRING', seasonYear: 2017 })
    expect(seasonOf({ year: 2017, month: 8, day: null })).toEqual({ season: 'SUMMER', seasonYear: 2017 })
    expect(seasonOf({ year: 2017, month: 11, day: 30 })).toEqual({ season: 'FALL', seasonYear: 2017 })
    expect(seasonOf({ year: 2017, month: null, day: null })).toBeNull()
    expect(seasonInt('FALL', 2023)).toBe(234)
    expect(seasonInt('WINTER', 1998)).toBe(981)
    expect(seasonInt(null, 1998)).toBeNull()
  })
})

describe('preferred titles', () => {
  const full = { romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人' }
  it('follows the language, stylised or not', () => {
    expect(preferredTitle(full, 'ROMAJI')).toBe('Shingeki no Kyojin')
    expect(preferredTitle(full, 'ENGLISH')).toBe('Attack on Titan')
    expect(preferredTitle(full, 'NATIVE_STYLISED')).toBe('進撃の巨人')
    expect(preferredTitle(full, 'ENGLISH_STYLISED')).toBe('Attack on Titan')
  })
  it('falls back to romaji, then to any title', () => {
    expect(preferredTitle({ ...full, english: null }, 'ENGLISH')).toBe('Shingeki no Kyojin')
    expect(preferredTitle({ ...full, native: null }, 'NATIVE')).toBe('Shingeki no Kyojin')
    expect(preferredTitle({ romaji: null, english: null, native: '進撃の巨人' }, 'ENGLISH')).toBe('進撃の巨人')
  })
})

describe('enum versions', () => {
  it('reads new sources as the closest value an old client knows', () => {
    expect(sourceForVersion('WEB_NOVEL', 3)).toBe('WEB_NOVEL')
    expect(sourceForVersion('WEB_NOVEL', 2)).toBe('NOVEL')
    expect(sourceForVersion('WEB_NOVEL', null)).toBe('OTHER')
    expect(sourceForVersion('DOUJINSHI', 2)).toBe('DOUJINSHI')
    expect(sourceForVersion('DOUJINSHI', 1)).toBe('OTHER')
    expect(sourceForVersion('MANGA', undefined)).toBe('MANGA')
    expect(sourceForVersion(null, 3)).toBeNull()
  })
  it('shows HIATUS only from version 2', () => {
    expect(statusForVersion('HIATUS', 2)).toBe('HIATUS')
    expect(statusForVersion('HIATUS', null)).toBe('RELEASING')
    expect(statusForVersion('CANCELLED', 1)).toBe('CANCELLED')
  })
})
