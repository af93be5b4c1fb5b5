// The catalog's hot queries, one request at a time (the query's own latency) and, for search, also
// under load: MediaListCollection of users with 1,000 and 5,000 entries, a media search over the
// catalog's titles with a random word each time, and the media-detail query with characters.
import { searchWord } from '../catalog.mjs'
import { MEDIA_DETAIL_QUERY, checkMediaDetail } from './media-detail-query.mjs'

export const name = 'catalog'
export const uses = ['kiroku']

const LIST_QUERY = `query ($name: String) {
  MediaListCollection(userName: $name, type: ANIME) {
    lists { name status isCustomList entries { id mediaId status score(format: POINT_10) progress updatedAt
      media { id title { romaji userPreferred } coverImage { large } episodes format status } } }
  }
}`
const SEARCH_QUERY = 'query ($search: String) { Page(perPage: 20) { media(search: $search, type: ANIME) { id title { romaji } } } }'

const graphql = (query, variables) => ({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
const okGraphql = (check) => (status, text) => {
  const body = JSON.parse(text)
  if (status !== 200 || body.errors) throw new Error(`HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  check?.(body.data)
}

export async function run(env) {
  const { lists, media, sequentialRequests } = env.catalog
  for (const { label, server } of env.kirokus) {
    const listRows = []
    for (const size of lists) {
      const result = await env.seq(server, () => graphql(LIST_QUERY, { name: `list${size}` }), {
        requests: Math.max(10, Math.round(sequentialRequests / 4)),
        warmup: 3,
        check: okGraphql((data) => {
          const n = data.MediaListCollection.lists.reduce((sum, list) => sum + list.entries.length, 0)
          if (n !== size) throw new Error(`list${size}: ${n} entries in the answer`)
        }),
      })
      listRows.push(result)
      env.record({ scenario: `MediaListCollection, ${size.toLocaleString('en-US')} entries`, server: label, ...result, rate: 1000 / result.mean, note: `one at a time; mean ${result.mean.toFixed(1)} ms` })
    }
    if (listRows.length === 2) env.ratio(`list ${lists[1]}/${lists[0]} time (${label})`, listRows[1].mean / listRows[0].mean, 5, '≤')

    const search = (i) => graphql(SEARCH_QUERY, { search: searchWord(i) })
    const searchCheck = okGraphql((data) => { if (!Array.isArray(data.Page.media)) throw new Error('no media list') })
    const one = await env.seq(server, search, { requests: sequentialRequests, check: searchCheck })
    env.record({ scenario: `media search over ${media.toLocaleString('en-US')} titles, 1 connection`, server: label, ...one, rate: 1000 / one.mean, note: 'random title word' })
    let i = 0
    const loaded = await env.load(server, { requests: [{ ...search(0), setupRequest: (req) => ({ ...req, body: search(i++).body }) }] })
    env.record({ scenario: `media search over ${media.toLocaleString('en-US')} titles, ${env.opts.connections} connections`, server: label, ...loaded, note: 'random title word' })
    env.ratio(`search p99 ms, 1 connection (${label})`, one.p99, 20, '<')

    const detail = await env.seq(server, (k) => graphql(MEDIA_DETAIL_QUERY, { id: 1 + (((k + 100) * 2654435761) >>> 0) % media }), { requests: sequentialRequests, check: okGraphql(checkMediaDetail) })
    env.record({ scenario: `media detail with characters (${media.toLocaleString('en-US')} works)`, server: label, ...detail, rate: 1000 / detail.mean, note: 'bench/media-detail.mjs query' })
  }
}
