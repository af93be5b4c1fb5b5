/**
 * The built-in catalog's manga (and one manhwa): well-known works under their real AniList and
 * MyAnimeList ids, written down by hand. Start and end dates are those of the serialisation;
 * chapters and volumes are left out while a work is still running, as AniList does.
 */
import type { SeedEntry } from './entry.js'

export const SEED_MANGA: SeedEntry[] = [
  { id: 30001, idMal: 1, romaji: 'MONSTER', english: 'Monster', native: 'MONSTER', format: 'MANGA', start: '1994-12-05', end: '2001-12-20', chapters: 162, volumes: 18, source: 'ORIGINAL', genres: ['Drama', 'Mystery', 'Psychological', 'Thriller'] },
  { id: 30002, idMal: 2, romaji: 'Berserk', english: 'Berserk', native: 'ベルセルク', format: 'MANGA', status: 'RELEASING', start: '1989-08-25', end: null, source: 'ORIGINAL', genres: ['Action', 'Adventure', 'Drama', 'Fantasy', 'Horror', 'Psychological'] },
  { id: 30011, idMal: 11, romaji: 'NARUTO', english: 'Naruto', native: 'NARUTO -ナルト-', format: 'MANGA', start: '1999-09-21', end: '2014-11-10', chapters: 700, volumes: 72, source: 'ORIGINAL', genres: ['Action', 'Adventure', 'Comedy', 'Drama', 'Fantasy'] },
  { id: 30013, idMal: 13, romaji: 'ONE PIECE', english: 'One Piece', native: 'ONE PIECE', format: 'MANGA', status: 'RELEASING', start: '1997-07-22', end: null, source: 'ORIGINAL', genres: ['Action', 'Adventure', 'Comedy', 'Drama', 'Fantasy'] },
  { id: 30021, idMal: 21, romaji: 'DEATH NOTE', english: 'Death Note', native: 'DEATH NOTE', format: 'MANGA', start: '2003-12-01', end: '2006-05-15', chapters: 108, volumes: 12, source: 'ORIGINAL', genres: ['Mystery', 'Psychological', 'Supernatural', 'Thriller'] },
  { id: 30025, idMal: 25, romaji: 'Hagane no Renkinjutsushi', english: 'Fullmetal Alchemist', native: '鋼の錬金術師', format: 'MANGA', start: '2001-07-12', end: '2010-06-12', chapters: 116, volumes: 27, source: 'ORIGINAL', relations: [[121, 'ADAPTATION'], [5114, 'ADAPTATION']], genres: ['Action', 'Adventure', 'Drama', 'Fantasy'] },
  { id: 30042, idMal: 42, romaji: 'DRAGON BALL', english: 'Dragon Ball', native: 'DRAGON BALL', format: 'MANGA', start: '1984-11-20', end: '1995-05-23', chapters: 520, volumes: 42, source: 'ORIGINAL', genres: ['Action', 'Adventure', 'Comedy', 'Fantasy'] },
  { id: 30051, idMal: 51, romaji: 'SLAM DUNK', english: 'Slam Dunk', native: 'SLAM DUNK', format: 'MANGA', start: '1990-10-01', end: '1996-06-17', chapters: 276, volumes: 31, source: 'ORIGINAL', genres: ['Comedy', 'Drama', 'Sports'] },
  { id: 30104, idMal: 104, romaji: 'Yotsuba to!', english: 'Yotsuba&!', native: 'よつばと！', format: 'MANGA', status: 'RELEASING', start: '2003-03-21', end: null, source: 'ORIGINAL', genres: ['Comedy', 'Slice of Life'] },
  { id: 30656, idMal: 656, romaji: 'Vagabond', english: 'Vagabond', native: 'バガボンド', format: 'MANGA', status: 'HIATUS', start: '1998-09-03', end: null, source: 'OTHER', genres: ['Action', 'Adventure', 'Drama', 'Psychological'] },
  { id: 34632, idMal: 4632, romaji: 'Oyasumi Punpun', english: 'Goodnight Punpun', native: 'おやすみプンプン', format: 'MANGA', start: '2007-03-15', end: '2013-11-02', chapters: 147, volumes: 13, source: 'ORIGINAL', genres: ['Drama', 'Psychological', 'Slice of Life'] },
  { id: 53390, idMal: 23390, romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人', format: 'MANGA', start: '2009-09-09', end: '2021-04-09', chapters: 139, volumes: 34, source: 'ORIGINAL', relations: [[16498, 'ADAPTATION'], [20958, 'ADAPTATION']], genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], synonyms: ['SnK', 'AoT'] },
  { id: 63327, idMal: 33327, romaji: 'Tokyo Ghoul', english: 'Tokyo Ghoul', native: '東京喰種トーキョーグール', format: 'MANGA', start: '2011-09-08', end: '2014-09-18', chapters: 144, volumes: 14, source: 'ORIGINAL', genres: ['Action', 'Drama', 'Horror', 'Mystery', 'Psychological', 'Supernatural'] },
  { id: 101517, idMal: 113138, romaji: 'Jujutsu Kaisen', english: 'JUJUTSU KAISEN', native: '呪術廻戦', format: 'MANGA', start: '2018-03-05', end: '2024-09-30', chapters: 271, volumes: 30, source: 'ORIGINAL', relations: [[113415, 'ADAPTATION'], [145064, 'ADAPTATION']], genres: ['Action', 'Drama', 'Supernatural'] },
  { id: 105398, idMal: 121496, romaji: 'Na Honjaman Level Up', english: 'Solo Leveling', native: '나 혼자만 레벨업', format: 'MANGA', start: '2018-03-04', end: '2021-12', chapters: 201, source: 'OTHER', genres: ['Action', 'Adventure', 'Fantasy'], synonyms: ['Only I Level Up', 'Ore dake Level Up na Ken'], country: 'KR' },
  { id: 105778, idMal: 116778, romaji: 'Chainsaw Man', english: 'Chainsaw Man', native: 'チェンソーマン', format: 'MANGA', status: 'RELEASING', start: '2018-12-03', end: null, source: 'ORIGINAL', genres: ['Action', 'Comedy', 'Drama', 'Horror', 'Supernatural'], synonyms: ['CSM'] },
  { id: 108556, idMal: 119161, romaji: 'SPY×FAMILY', english: 'SPY x FAMILY', native: 'SPY×FAMILY', format: 'MANGA', status: 'RELEASING', start: '2019-03-25', end: null, source: 'ORIGINAL', genres: ['Action', 'Comedy', 'Slice of Life'] },
  { id: 118586, idMal: 126287, romaji: 'Sousou no Frieren', english: "Frieren: Beyond Journey's End", native: '葬送のフリーレン', format: 'MANGA', status: 'RELEASING', start: '2020-04-28', end: null, source: 'ORIGINAL', genres: ['Adventure', 'Drama', 'Fantasy'] },
]
