/**
 * `kiroku pull media` against a second Kiroku server as the remote: what the local server then
 * serves equals what the remote serves, field by field (titles, studios, tags, characters and their
 * voice actors, staff, airing, relations, and the rankings both compute from the same works), with casts, staff and airings longer than one page; a
 * second pull changes nothing; relations are followed as deep as asked and no deeper.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pullMedia } from '../../src/pull/pull-media.js'
import { systemClock } from '../../src/util/clock.js'
import { graphql } from '../helpers/flow.js'
import { ALPHA, BETA, GAMMA, MANGA, UNKNOWN } from './fixture.js'
import { freshLocal, seededRemote, testClient, type Local, type Remote } from './helpers.js'

let remote: Remote
beforeAll(async () => {
  remote = await seededRemote()
})
afterAll(async () => remote.app.close())

let local: Local
afterEach(async () => local?.close())

/** How an app reads a work in full, one page of its cast, crew and airings at a time. */
const DETAIL = `
  query detail($ids: [Int], $page: Int) {
    Page(perPage: 4) {
      media(id_in: $ids, sort: ID) { ...work }
    }
  }
  fragment person on Staff {
    id name { first middle last full native alternative } languageV2 image { large medium } description
    primaryOccupations gender dateOfBirth { year month day } dateOfDeath { year month day } age yearsActive homeTown bloodType
  }
  fragment work on Media {
    id idMal type format status(version: 2) source(version: 3)
    title { romaji english native userPreferred }
    description startDate { year month day } endDate { year month day } season seasonYear
    episodes duration chapters volumes countryOfOrigin isLicensed hashtag updatedAt
    coverImage { extraLarge large medium color } bannerImage trailer { id site thumbnail }
    genres synonyms averageScore meanScore popularity favourites trending isAdult
    rankings { rank type format year season allTime context }
    tags { id name description category rank isGeneralSpoiler isMediaSpoiler isAdult }
    studios { edges { isMain node { id name isAnimationStudio } } }
    mainStudios: studios(isMain: true) { nodes { name } }
    relations { edges { id relationType(version: 2) node { id type title { romaji } } } }
    externalLinks { id url site siteId type language color icon notes isDisabled }
    streamingEpisodes { title thumbnail url site }
    nextAiringEpisode { id episode airingAt timeUntilAiring }
    airingSchedule(page: $page) { pageInfo { total hasNextPage } nodes { id episode airingAt } }
    characters(page: $page) {
      pageInfo { total hasNextPage }
      edges {
        role name
        node { id name { first last full native alternative alternativeSpoiler } image { large medium } description gender age bloodType dateOfBirth { year month day } }
        voiceActors { ...person }
        voiceActorRoles { roleNotes dubGroup voiceActor { id name { full } } }
      }
    }
    staff(page: $page) { pageInfo { total hasNextPage } edges { role node { ...person } } }
  }`

async function detail(app: Remote['app'], ids: number[], page: number) {
  const res = await graphql(app, DETAIL, undefined, { ids, page })
  expect(res.body.errors).toBeUndefined()
  return res.body.data.Page.media as Array<Record<string, any>>
}

describe('kiroku pull media', () => {
  it('copies works, studios, tags, casts with voice actors, staff, airings and relations field by field', async () => {
    local = await freshLocal()
    const { client, waits } = testClient(remote.endpoint)
    // Two levels of relations reach the whole world (Alpha → Beta and the manga → Gamma): a server
    // serves only relations to works it holds, so only a whole world compares equal.
    const summary = await pullMedia(local.database.db, systemClock, client, { ids: [ALPHA], relations: 2 })
    expect(summary).toMatchObject({ inserted: 4, updated: 0, unchanged: 0, pulled: 4, skipped: 0, notFound: [] })
    // Per level one batch, then each work's cast, crew and airings: two pages for Alpha (30, 27 and 28 items; 25 a page), one for the others.
    expect(client.stats.requests).toBe(3 + 3 + 2)
    expect(waits).toEqual([])
    const server = await local.serve()
    const all = [ALPHA, BETA, GAMMA, MANGA]
    for (const page of [1, 2]) {
      const theirs = await detail(remote.app as any, all, page)
      const ours = await detail(server.app as any, all, page)
      expect(theirs.map((m) => m.id)).toEqual(all)
      expect(ours).toEqual(theirs)
    }
    const [alpha] = await detail(server.app as any, [ALPHA], 2)
    expect(alpha!.characters.edges).toHaveLength(5)
    expect(alpha!.staff.edges).toHaveLength(2)
    expect(alpha!.airingSchedule.nodes).toHaveLength(3)
    expect(alpha!.characters.pageInfo.total).toBe(30)
    expect(alpha!.rankings.length).toBeGreaterThan(0)
    expect(alpha!.studios.edges.map((e: any) => e.node.name)).toEqual(['Pull Studio', 'Pull Producers'])
    expect(alpha!.relations.edges.map((e: any) => [e.relationType, e.node.id])).toEqual([['SEQUEL', BETA], ['SOURCE', MANGA]])
    expect(alpha!.characters.edges[0].voiceActorRoles[0].voiceActor.name.full).toBe('Voice 96001')
  })

  it('brings the voice actors of the dubs asked for, Japanese alone when none is', async () => {
    const DUBS = `query ($id: Int) { Media(id: $id) { characters(perPage: 1) { edges {
      ja: voiceActorRoles { roleNotes dubGroup voiceActor { id languageV2 name { full } } }
      en: voiceActorRoles(language: ENGLISH) { roleNotes dubGroup voiceActor { id languageV2 name { full } } }
    } } } }`
    const edgeOf = async (app: Remote['app']) => (await graphql(app, DUBS, undefined, { id: ALPHA })).body.data.Media.characters.edges[0]
    const theirs = await edgeOf(remote.app)
    expect(theirs.en).toEqual([{ roleNotes: null, dubGroup: 'Netflix', voiceActor: { id: 96_500, languageV2: 'English', name: { full: 'Voice 96500' } } }])
    local = await freshLocal()
    await pullMedia(local.database.db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA] })
    const server = await local.serve()
    const japaneseOnly = await edgeOf(server.app as any)
    expect(japaneseOnly).toEqual({ ja: theirs.ja, en: [] })
    await pullMedia(local.database.db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA], languages: ['JAPANESE', 'ENGLISH'], refresh: true })
    expect(await edgeOf(server.app as any)).toEqual(theirs)
  })

  it('pulled twice, changes nothing the second time; without --refresh it skips what it already pulled', async () => {
    local = await freshLocal()
    await pullMedia(local.database.db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA, BETA, MANGA] })
    const again = testClient(remote.endpoint)
    const refreshed = await pullMedia(local.database.db, systemClock, again.client, { ids: [ALPHA, BETA, MANGA], refresh: true })
    expect(refreshed).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, pulled: 3, skipped: 0 })
    expect(refreshed.people).toMatchObject({ characters: { inserted: 0, updated: 0 }, staff: { inserted: 0, updated: 0 }, castsChanged: 0 })
    expect(refreshed.studios).toMatchObject({ inserted: 0, updated: 0 })
    expect(refreshed.tags).toMatchObject({ inserted: 0, updated: 0 })
    expect(refreshed.mediaListsChanged).toBe(0)
    expect(refreshed.airingChanged).toBe(0)
    const resumed = testClient(remote.endpoint)
    const skipped = await pullMedia(local.database.db, systemClock, resumed.client, { ids: [ALPHA, BETA, MANGA] })
    expect(skipped).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, pulled: 0, skipped: 3 })
    expect(resumed.client.stats.requests).toBe(0)
  })

  it('follows relations as many levels as asked, skipping what it has, and names ids the remote does not know', async () => {
    local = await freshLocal()
    const one = await pullMedia(local.database.db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA, UNKNOWN], relations: 1 })
    expect(one).toMatchObject({ inserted: 3, pulled: 3, notFound: [UNKNOWN] })
    const server = await local.serve()
    const ids = async () => (await graphql(server.app, '{ Page { media(sort: ID) { id } } }')).body.data.Page.media.map((m: any) => m.id)
    expect(await ids()).toEqual([ALPHA, BETA, MANGA])
    // A second level from the same start: Alpha, Beta and the manga are skipped, yet Beta's sequel is found through what is stored.
    const two = await pullMedia(local.database.db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA], relations: 2 })
    expect(two).toMatchObject({ inserted: 1, pulled: 1, skipped: 3 })
    expect(await ids()).toEqual([ALPHA, BETA, GAMMA, MANGA])
  })
})
