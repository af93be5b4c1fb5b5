// A deterministic AniList-shaped catalog for the reference run: titles of two to four words drawn
// from a vocabulary (so that a search for one word finds a few dozen works, as on AniList, not all of
// them), and for every work the cast the media-detail query reads: 12 characters each voiced in
// Japanese and English, 8 staff, 2 studios of 60, 8 tags of 150, 2 relations, and every tenth work
// releasing with a weekly schedule. People are shared across works, as franchises and careers share them.

const SYLLABLES = ['ka', 'ri', 'to', 'mi', 'sa', 'ne', 'ko', 'ha', 'yu', 'ra', 'shi', 'no', 'ta', 'mo', 'ki', 'su', 'e', 'ai', 'ro', 'chi']
/** 400 distinct made-up words of two syllables. */
export const WORDS = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => a + b)).filter((w, i, all) => all.indexOf(w) === i).slice(0, 400)

const STUDIOS = 60, TAGS = 150, ACTORS = 3000, STAFF = 4000, CHARACTERS = 40000
const pick = (seed, n) => ((seed * 2654435761) >>> 0) % n
const capital = (w) => w[0].toUpperCase() + w.slice(1)

export function titleWords(id) {
  return Array.from({ length: 2 + (id % 3) }, (_, k) => WORDS[pick(id * 7 + k * 131, WORDS.length)])
}

const person = (id, kind, language) => ({
  id, name: { first: `${kind}${id}`, last: 'Bench', full: `${kind}${id} Bench`, native: `ベンチ${id}` }, languageV2: language,
})

export function work(id, total, now) {
  const releasing = id % 10 === 0
  const romaji = titleWords(id).map(capital).join(' ')
  return {
    id, type: 'ANIME', title: { romaji, english: `${romaji} (EN)`, native: `ベンチ作品${id}` },
    format: 'TV', status: releasing ? 'RELEASING' : 'FINISHED', episodes: releasing ? null : 12 + (id % 14), duration: 24,
    startDate: { year: 1990 + (id % 35), month: 1 + (id % 12), day: 1 + (id % 28) },
    season: ['WINTER', 'SPRING', 'SUMMER', 'FALL'][id % 4], seasonYear: 1990 + (id % 35),
    genres: ['Action', 'Drama', 'Comedy', 'Fantasy', 'Romance'].filter((_, i) => (id + i) % 3 === 0),
    description: `A benchmark work, number ${id}. <br><br>It has a <i>description</i> long enough to render, like real ones. `.repeat(3),
    averageScore: 50 + (id % 45), meanScore: 50 + (id % 46), popularity: (id * 37) % 100000, favourites: (id * 13) % 5000,
    studios: { edges: [0, 1].map((k) => ({ isMain: k === 0, node: { id: 1 + pick(id + k, STUDIOS), name: `Studio ${1 + pick(id + k, STUDIOS)}`, isAnimationStudio: k === 0 } })) },
    tags: Array.from({ length: 8 }, (_, k) => {
      const tag = 1 + ((id + k * 17) % TAGS)
      return { id: tag, name: `Tag ${tag}`, category: `Category ${tag % 12}`, rank: 90 - k * 8, isMediaSpoiler: k === 7, isGeneralSpoiler: false, isAdult: false, description: `Tag ${tag}.` }
    }),
    relations: { edges: [id - 1, id + 1].filter((r) => r >= 1 && r <= total).map((r) => ({ relationType: r < id ? 'PREQUEL' : 'SEQUEL', node: { id: r, type: 'ANIME' } })) },
    characters: {
      edges: Array.from({ length: 12 }, (_, k) => {
        const character = 1 + pick(id * 12 + k, CHARACTERS)
        return {
          role: k < 3 ? 'MAIN' : 'SUPPORTING',
          node: { id: character, name: { first: `Character${character}`, last: 'Bench', full: `Character${character} Bench`, native: `キャラ${character}` }, gender: k % 2 ? 'Female' : 'Male' },
          voiceActors: [person(100000 + 2 * pick(character, ACTORS / 2) + 1, 'Actor', 'Japanese'), person(100000 + 2 * pick(character + 7, ACTORS / 2), 'Actor', 'English')],
        }
      }),
    },
    staff: { edges: ['Director', 'Original Creator', 'Series Composition', 'Character Design', 'Music', 'Art Director', 'Sound Director', 'Storyboard'].map((role, k) => ({ role, node: person(200000 + pick(id * 8 + k, STAFF), 'Staff', 'Japanese') })) },
    airingSchedule: releasing ? { nodes: Array.from({ length: 20 }, (_, k) => ({ id: id * 100 + k, episode: k + 1, airingAt: now + (k - 10) * 7 * 86400 })) } : undefined,
  }
}

/** The catalog in batches of AniList import documents (arrays of works). */
export function* catalogBatches(total, batch = 500) {
  const now = Math.floor(Date.now() / 1000)
  for (let from = 1; from <= total; from += batch) {
    yield Array.from({ length: Math.min(batch, total - from + 1) }, (_, i) => work(from + i, total, now))
  }
}

/** A deterministic search word for request i: words of the titles, spread over the vocabulary. */
export const searchWord = (i) => WORDS[pick(i + 5003, WORDS.length)]
