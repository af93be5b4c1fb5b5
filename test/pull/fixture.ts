/**
 * A small media world in AniList's shapes, for the remote of the pull tests: an anime with more
 * characters, staff and airings than one page holds (so the pull must page), its sequel, the sequel's
 * sequel (two relation levels away) and the manga it adapts.
 */
export const ALPHA = 910_101
export const BETA = 910_102
export const GAMMA = 910_103
export const MANGA = 910_201
export const UNKNOWN = 910_999

const voice = (id: number) => ({
  id,
  name: { first: `Voice`, last: `${id}`, full: `Voice ${id}`, native: `声${id}`, alternative: [`V${id}`] },
  languageV2: 'Japanese',
  image: { large: `https://img.example/staff/${id}-l.jpg`, medium: `https://img.example/staff/${id}-m.jpg` },
  description: `Voices parts since ${2000 + (id % 20)}.`,
  primaryOccupations: ['Voice Actor'],
  gender: id % 2 ? 'Female' : 'Male',
  dateOfBirth: { year: 1980 + (id % 20), month: 1 + (id % 12), day: 1 + (id % 28) },
  homeTown: 'Tokyo',
  yearsActive: [2000 + (id % 20)],
})

const crew = (id: number) => ({ id, name: { full: `Crew ${id}`, native: `スタッフ${id}` }, languageV2: 'Japanese', primaryOccupations: ['Animator'] })

function character(id: number) {
  return {
    id,
    name: { first: 'Char', last: `${id}`, full: `Char ${id}`, native: `キャラ${id}`, alternative: [`C${id}`], alternativeSpoiler: [`Secret ${id}`] },
    image: { large: `https://img.example/char/${id}-l.jpg`, medium: `https://img.example/char/${id}-m.jpg` },
    description: `Character ${id}, with __bold__ words.`,
    gender: 'Female',
    age: '17',
    bloodType: 'A',
    dateOfBirth: { year: null, month: 4, day: 1 + (id % 28) },
  }
}

export function alpha() {
  return {
    id: ALPHA, idMal: 50_101, type: 'ANIME', format: 'TV', status: 'RELEASING', source: 'MANGA',
    title: { romaji: 'Pull Alpha', english: 'Alpha of the Pull', native: 'プルアルファ' },
    description: 'A show about <i>pulling</i>.<br>\nIt runs long.',
    startDate: { year: 2024, month: 4, day: 6 }, endDate: { year: null, month: null, day: null },
    season: 'SPRING', seasonYear: 2024, episodes: 28, duration: 24, countryOfOrigin: 'JP', isLicensed: true, hashtag: '#PullAlpha',
    coverImage: { extraLarge: 'https://img.example/a-xl.jpg', large: 'https://img.example/a-l.jpg', medium: 'https://img.example/a-m.jpg', color: '#e4a15d' },
    bannerImage: 'https://img.example/a-banner.jpg',
    trailer: { id: 'abc123', site: 'youtube', thumbnail: 'https://i.ytimg.com/vi/abc123/hqdefault.jpg' },
    genres: ['Action', 'Drama'], synonyms: ['PA', 'Alpha Pull'],
    averageScore: 81, meanScore: 82, popularity: 12_345, favourites: 678, trending: 42,
    isAdult: false, updatedAt: 1_700_000_000,
    tags: [
      { id: 91_001, name: 'Pull Tag One', description: 'The first tag.', category: 'Theme-Other', rank: 90, isGeneralSpoiler: false, isMediaSpoiler: false, isAdult: false },
      { id: 91_002, name: 'Pull Tag Two', description: 'The second tag.', category: 'Cast-Main Cast', rank: 70, isGeneralSpoiler: false, isMediaSpoiler: true, isAdult: false },
    ],
    studios: { edges: [
      { isMain: true, node: { id: 92_001, name: 'Pull Studio', isAnimationStudio: true } },
      { isMain: false, node: { id: 92_002, name: 'Pull Producers', isAnimationStudio: false } },
    ] },
    relations: { edges: [
      { id: 93_001, relationType: 'SEQUEL', node: { id: BETA, type: 'ANIME' } },
      { id: 93_002, relationType: 'SOURCE', node: { id: MANGA, type: 'MANGA' } },
    ] },
    externalLinks: [{ id: 94_001, url: 'https://stream.example/alpha', site: 'Stream Site', type: 'STREAMING', language: 'Japanese', color: '#123456', icon: 'https://stream.example/icon.png', notes: null, isDisabled: false }],
    streamingEpisodes: [
      { title: 'Episode 1 - Start', thumbnail: 'https://img.example/ep1.jpg', url: 'https://stream.example/alpha/1', site: 'Stream Site' },
      { title: 'Episode 2 - Pull', thumbnail: 'https://img.example/ep2.jpg', url: 'https://stream.example/alpha/2', site: 'Stream Site' },
    ],
    characters: { edges: Array.from({ length: 30 }, (_, k) => ({
      role: k < 2 ? 'MAIN' : k < 20 ? 'SUPPORTING' : 'BACKGROUND',
      ...(k === 3 ? { name: 'Alias in this show' } : {}),
      node: character(95_000 + k),
      voiceActors: [voice(96_000 + (k % 12))],
      voiceActorRoles: [
        { roleNotes: k === 0 ? 'young' : null, dubGroup: null, voiceActor: voice(96_000 + (k % 12)) },
        // The first character has an English dub too, which a pull brings only when asked (--languages).
        ...(k === 0 ? [{ roleNotes: null, dubGroup: 'Netflix', voiceActor: { ...voice(96_500), languageV2: 'English' } }] : []),
      ],
    })) },
    staff: { edges: Array.from({ length: 27 }, (_, k) => ({ role: k === 0 ? 'Director' : `Key Animation (ep ${k})`, node: crew(97_000 + k) })) },
    airingSchedule: { nodes: Array.from({ length: 28 }, (_, k) => ({ id: 98_000 + k, episode: k + 1, airingAt: 1_712_400_000 + k * 604_800 })) },
  }
}

const small = (id: number, title: string, type: 'ANIME' | 'MANGA', relations: Array<[string, number, 'ANIME' | 'MANGA']>) => ({
  id, type, format: type === 'ANIME' ? 'TV' : 'MANGA', status: 'FINISHED',
  title: { romaji: title, native: `${title}（原）` },
  startDate: { year: 2020, month: 1, day: null }, averageScore: 70, popularity: 500, favourites: 5,
  ...(type === 'MANGA' ? { chapters: 120, volumes: 12 } : { episodes: 12 }),
  genres: ['Drama'],
  relations: { edges: relations.map(([relationType, to, toType]) => ({ relationType, node: { id: to, type: toType } })) },
  characters: { edges: [{ role: 'MAIN', node: character(95_000), voiceActors: type === 'ANIME' ? [voice(96_000)] : [] }] },
  staff: { edges: [{ role: 'Original Creator', node: crew(97_500) }] },
})

/** The remote's whole world, as an AniList Page.media answer (what `kiroku import` reads). */
export function remoteWorld(): unknown[] {
  return [
    alpha(),
    small(BETA, 'Pull Beta', 'ANIME', [['PREQUEL', ALPHA, 'ANIME'], ['SEQUEL', GAMMA, 'ANIME']]),
    small(GAMMA, 'Pull Gamma', 'ANIME', [['PREQUEL', BETA, 'ANIME']]),
    small(MANGA, 'Pull Manga', 'MANGA', [['ADAPTATION', ALPHA, 'ANIME']]),
  ]
}
